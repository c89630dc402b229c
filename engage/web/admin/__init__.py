"""People, teams, web users, pulse questions, retention, the audit log and the setup checklist: the
administration pages."""

from flask import Blueprint, Flask

from engage.setup import setup_incomplete
from engage.web.nav import add_nav_item

bp = Blueprint("admin", __name__)

from engage.web.admin import (  # noqa: E402,F401 (routes on bp)
    audit_log,
    front_line,
    people,
    questions,
    retention,
    scim_tokens,
    setup,
    sign_in_policy,
    users,
)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    add_nav_item(app, "People", "admin.people", roles=("admin", "hr"), order=80)
    add_nav_item(app, "Teams", "admin.teams", order=85)
    add_nav_item(app, "Questions", "admin.questions", roles=("admin",), order=90)
    add_nav_item(app, "Users", "admin.users", roles=("admin",), order=95)
    add_nav_item(app, "Retention", "admin.retention", roles=("admin",), order=96)
    add_nav_item(app, "Audit log", "admin.audit_log", roles=("admin",), order=97)
    add_nav_item(app, "Setup", "admin.setup", roles=("admin",), order=99, shown=setup_incomplete)

    @app.context_processor
    def setup_context():
        return {"setup_incomplete": setup_incomplete}  # called only by pages that show the banner
