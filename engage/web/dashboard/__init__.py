"""The HR dashboard: overview, teams, a page per team, drivers heatmap, comments and CSV export."""

from flask import Flask

from engage.web.dashboard import views
from engage.web.nav import add_nav_item

bp = views.bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    add_nav_item(app, "Overview", "dashboard.overview", order=10)
    add_nav_item(app, "Team figures", "dashboard.teams", order=20)
    add_nav_item(app, "Heatmap", "dashboard.heatmap", order=25)
    add_nav_item(app, "Comments", "dashboard.comments", order=28)
