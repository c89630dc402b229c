"""The slack-bolt App, built from the Flask config without calling Slack."""
from concurrent.futures import ThreadPoolExecutor

from flask import Flask
from slack_bolt import App
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler


class AppContextExecutor(ThreadPoolExecutor):
    """Runs bolt listeners (after ack) inside a Flask app context."""

    def __init__(self, flask_app: Flask, max_workers: int = 8) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="slack-listener")
        self.flask_app = flask_app

    def submit(self, fn, /, *args, **kwargs):
        def run():
            with self.flask_app.app_context():
                return fn(*args, **kwargs)

        return super().submit(run)


def is_configured(flask_app: Flask) -> bool:
    return bool(flask_app.config["SLACK_BOT_TOKEN"] and flask_app.config["SLACK_SIGNING_SECRET"])


def web_client(flask_app: Flask) -> WebClient:
    """A Web API client on SLACK_API_URL that waits out 429s (Retry-After) up to twice."""
    return WebClient(
        token=flask_app.config["SLACK_BOT_TOKEN"],
        base_url=flask_app.config["SLACK_API_URL"],
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )


def build_bolt_app(flask_app: Flask) -> App:
    token = flask_app.config["SLACK_BOT_TOKEN"]

    def authorize(enterprise_id, team_id, logger) -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, bot_token=token)

    bolt_app = App(
        signing_secret=flask_app.config["SLACK_SIGNING_SECRET"],
        client=web_client(flask_app),
        authorize=authorize,
        process_before_response=flask_app.config.get("SLACK_PROCESS_BEFORE_RESPONSE", False),
        listener_executor=AppContextExecutor(flask_app),
    )

    @bolt_app.middleware
    def within_app_context(next):
        with flask_app.app_context():
            return next()

    return bolt_app
