from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import login_required

from engage.web.nav import nav_items

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
    return {"status": "ok"}
