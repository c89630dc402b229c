"""Help-desk connectors: pull customer ratings from Zendesk, Freshdesk, Chatwoot and Intercom."""

from flask import Flask

from engage.sources import cli, views, webhooks  # noqa: F401 (cli registers its commands)


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.register_blueprint(webhooks.bp)
