"""The slack-bolt App, built from the Flask config without calling Slack."""

import logging

from flask import Flask
from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from engage.slack.background import BackgroundWork

log = logging.getLogger(__name__)

# What a listener raises when a signed payload holds a field of an unexpected type or shape.
MALFORMED_PAYLOAD = (KeyError, IndexError, TypeError, AttributeError, ValueError)
MALFORMED_ANSWER = "the request's fields are not shaped as Slack sends them"


class FlaskBoltApp(App):
    """A bolt App whose listeners' ack functions run in their own Flask app context (HTTP or Socket Mode)."""

    def __init__(self, flask_app: Flask, **kwargs) -> None:
        super().__init__(**kwargs)
        self.flask_app = flask_app

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        with self.flask_app.app_context():
            return super().dispatch(req)


def is_configured(flask_app: Flask) -> bool:
    return bool(flask_app.config["SLACK_BOT_TOKEN"] and flask_app.config["SLACK_SIGNING_SECRET"])


def web_client(flask_app: Flask, client_class: type[WebClient] = WebClient) -> WebClient:
    """A Web API client on SLACK_API_URL that waits out 429s (Retry-After) up to twice."""
    return client_class(
        token=flask_app.config["SLACK_BOT_TOKEN"],
        base_url=flask_app.config["SLACK_API_URL"],
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )


def answer_listener_error(error: Exception, response: BoltResponse | None) -> BoltResponse | None:
    """Log a failed listener; a payload it could not read answers 400, as Slack retries a 500."""
    log.exception("a Slack listener failed: %s", error)
    if response is not None and isinstance(error, MALFORMED_PAYLOAD):
        return BoltResponse(status=400, body=MALFORMED_ANSWER)
    return None


def build_bolt_app(flask_app: Flask, background: BackgroundWork) -> App:
    """Listeners answer Slack from their ack function; their lazy functions run on `background`."""
    token = flask_app.config["SLACK_BOT_TOKEN"]

    def authorize(enterprise_id, team_id, logger) -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, bot_token=token)

    bolt_app = FlaskBoltApp(
        flask_app,
        signing_secret=flask_app.config["SLACK_SIGNING_SECRET"],
        # /slack/events checks the signature on the body as Slack sent it (request_guard), then may
        # respell it for bolt's parser, so bolt's own check would refuse it. Socket Mode needs none.
        request_verification_enabled=False,
        client=web_client(flask_app),
        authorize=authorize,
        process_before_response=True,
        listener_executor=background,
    )
    bolt_app.error(answer_listener_error)
    return bolt_app
