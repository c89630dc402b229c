"""Peer recognition: kudos, above all for saving customer accounts."""

from flask import Flask

from engage.web.kudos import bp
from engage.web.nav import add_nav_item


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    add_nav_item(app, "Kudos", "kudos.wall_page", order=30)
    add_nav_item(app, "Leaderboards", "kudos.leaderboards_page", order=31)
    add_nav_item(app, "Accounts saved", "kudos.accounts_page", order=32)
    add_nav_item(app, "Kudos settings", "kudos.settings", roles=("admin",), order=92)
