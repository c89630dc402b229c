from flask import Flask, current_app, render_template
from flask_login import current_user
from werkzeug.exceptions import NotFound

from engage.extensions import db, login_manager
from engage.models import User, driver_label
from engage.slack.bolt_app import is_configured
from engage.web import admin, api, auth, dashboard, main, plans
from engage.web.api.routing_errors import api_not_found, is_api_request
from engage.web.nav import nav_items


@login_manager.user_loader
def load_user(session_user_id: str) -> User | None:
    """The session's user, unless signed out since (its session version moved on) or deactivated."""
    user_id, _, version = session_user_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def _error(status: int, title: str, detail: str):
    return render_template("error.html", status=status, title=title, detail=detail), status


def _not_found(error: NotFound):
    if is_api_request():
        return api_not_found(error)
    return _error(404, "Not found", "There is nothing at this address.")


def init_app(app: Flask) -> None:
    app.register_blueprint(auth.bp)
    app.register_blueprint(main.bp)
    admin.init_app(app)
    dashboard.init_app(app)
    api.init_app(app)
    plans.init_app(app)
    app.add_template_filter(driver_label, "driver_label")

    @app.context_processor
    def layout_context():
        return {
            "nav_items": nav_items(current_app),
            "slack_connected": is_configured(current_app),
            "current_user": current_user,
        }

    app.register_error_handler(403, lambda e: _error(403, "Not allowed", "Your role cannot see this page."))
    app.register_error_handler(404, _not_found)
    app.register_error_handler(
        400, lambda e: _error(400, "Bad request", getattr(e, "description", "The request was not valid."))
    )
