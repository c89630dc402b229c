from flask import Blueprint

bp = Blueprint("kudos", __name__, url_prefix="/kudos")

from engage.web.kudos import admin, views  # noqa: E402,F401 (routes register on bp)
