import logging

import sqlalchemy as sa
from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import login_required

from engage.extensions import db
from engage.web.nav import nav_items

log = logging.getLogger(__name__)

bp = Blueprint("main", __name__)


@bp.route("/")
@login_required
def home():
    items = [i for i in nav_items(current_app) if i.endpoint != "main.home"]
    if items:
        return redirect(url_for(items[0].endpoint))
    return render_template("home.html")


@bp.get("/healthz")
def health():
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as exc:
        log.error("health check: database unreachable: %s", exc)
        db.session.rollback()
        return {"status": "error", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}
