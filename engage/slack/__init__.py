from flask import Blueprint, Flask, current_app, jsonify, request
from slack_bolt.adapter.flask.handler import to_flask_response

from engage.extensions import csrf
from engage.slack import listeners, request_guard
from engage.slack.background import BackgroundWork
from engage.slack.bolt_app import build_bolt_app, is_configured
from engage.slack.parsed_request import ParsedRequest
from engage.slack.score_clicks import ScoreClickLane

bp = Blueprint("slack", __name__)

NOT_CONNECTED = (
    "Slack is not connected: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET "
    "(see 'Install the Slack app' in README.md)."
)


@bp.post("/slack/events")
@csrf.exempt
def events():
    bolt_app = current_app.extensions.get("engage.bolt_app")
    if bolt_app is None:
        return jsonify(error=NOT_CONNECTED), 503
    body = request.get_data(as_text=True)
    checked = request_guard.check(body, request.headers, current_app.config["SLACK_SIGNING_SECRET"])
    if isinstance(checked, request_guard.Refusal):
        return jsonify(error=checked.message), checked.status
    # The guard has checked the signature on the body as sent; bolt gets the body it can read.
    return to_flask_response(
        bolt_app.dispatch(ParsedRequest(checked, request.query_string.decode(), request.headers))
    )


def init_app(app: Flask) -> None:
    if is_configured(app):
        background = BackgroundWork(app)
        bolt_app = build_bolt_app(app, background)
        listeners.register(bolt_app)
        app.extensions["engage.slack_background"] = background
        app.extensions["engage.bolt_app"] = bolt_app
        app.wsgi_app = ScoreClickLane(app, app.wsgi_app, background)  # type: ignore[method-assign]
    app.register_blueprint(bp)
