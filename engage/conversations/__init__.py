"""Anonymous conversations on comments: repliers write on the Comments page, authors answer in Slack."""

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.conversations.views import bp  # here: engage.slack imports the whole app's packages

    app.register_blueprint(bp)
