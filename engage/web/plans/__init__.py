"""Action plan pages: the list (HR: every plan and its status), a new plan, one plan."""

from flask import Flask

from engage.web.nav import add_nav_item
from engage.web.plans.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    add_nav_item(app, "Action plans", "plans.index", order=29)
