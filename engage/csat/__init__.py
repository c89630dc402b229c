"""CSAT and NPS ratings from help desks: CSV upload, CLI, JSON API, group -> team mappings."""

from flask import Flask

from engage.csat import api, cli, views  # noqa: F401 (cli registers its commands)
from engage.csat.openapi import RATINGS_OPENAPI_PATHS
from engage.web.api.openapi import add_openapi
from engage.web.nav import add_nav_item


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    add_nav_item(app, "Ratings", "csat.upload", roles=("admin", "hr"), order=60)
    add_openapi(app, RATINGS_OPENAPI_PATHS)
