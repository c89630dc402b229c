"""Pulse score clicks answered before Flask: at the pulse hour they are nearly every request.

ScoreClickLane sits in front of the Flask app (a WSGI layer). A POST to /slack/events that is a signed
pulse score click, shaped as Slack shapes it (request_guard's checks, as for every request), is recorded
and acknowledged there in an app context; anything else, a refused click included, goes on to Flask with
its body as sent, where the events view answers it. For a click, Flask would only have run hooks that
concern browsers and people (sessions, rate limits by address, security headers), and bolt would only have
authorized it (engage gives every team its one bot token, so that checks nothing), found record_score
among some twenty listeners and run send_replies on the background threads: this does the same directly.
Socket Mode still goes through bolt.
"""

import io
import logging
from collections.abc import Callable, Iterable

from flask import Flask
from werkzeug.datastructures import EnvironHeaders
from werkzeug.http import HTTP_STATUS_CODES

from engage.slack import request_guard
from engage.slack.background import BackgroundWork
from engage.slack.blocks.pulses import SCORE_ACTION_PREFIX
from engage.slack.bolt_app import MALFORMED_ANSWER, MALFORMED_PAYLOAD, web_client
from engage.slack.keepalive import KeepAliveWebClient
from engage.slack.listeners.lazy import send_replies
from engage.slack.listeners.pulse_actions import SCORE_ACTION, score_click

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
# A click's payload is a few kilobytes; a longer body (or one of unknown length) goes on to Flask unread.
LONGEST_CLICK_BYTES = 256 * 1024


def score_action(parsed: dict) -> dict | None:
    """The clicked score button of a pulse score click, or None for any other request."""
    if parsed.get("type") != "block_actions":
        return None
    action = parsed["actions"][0]  # the one bolt's listeners match on too
    return action if SCORE_ACTION.match(action["action_id"]) else None


def _click_body(environ: dict) -> bytes | None:
    """The body of what may be a score click, read and put back for Flask; None when it can't be one."""
    if environ.get("PATH_INFO") != EVENTS_PATH or environ.get("REQUEST_METHOD") != "POST":
        return None
    length = environ.get("CONTENT_LENGTH") or ""
    if not length.isdigit() or int(length) > LONGEST_CLICK_BYTES:
        return None
    body = environ["wsgi.input"].read(int(length))
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body if SCORE_ACTION_PREFIX.encode() in body else None


class ScoreClickLane:
    """Record a click before its ack; update the message after it, on a kept-alive connection to Slack."""

    def __init__(self, flask_app: Flask, wsgi_app: Callable, background: BackgroundWork) -> None:
        self.flask_app = flask_app
        self.wsgi_app = wsgi_app
        self.background = background
        self.client = web_client(flask_app, KeepAliveWebClient)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        body = _click_body(environ)
        if body is None:
            return self.wsgi_app(environ, start_response)
        secret = self.flask_app.config["SLACK_SIGNING_SECRET"]
        checked = request_guard.check(body.decode("utf-8", "replace"), EnvironHeaders(environ), secret)
        if isinstance(checked, request_guard.Refusal):  # the events view answers it, with its words
            return self.wsgi_app(environ, start_response)
        action = score_action(checked.parsed)
        if action is None:
            return self.wsgi_app(environ, start_response)
        with self.flask_app.app_context():
            text, status = self._answer(checked.parsed, action)
        answer = text.encode()
        headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(answer)))]
        start_response(f"{status} {HTTP_STATUS_CODES[status]}", headers)
        return [answer]

    def _answer(self, body: dict, action: dict) -> tuple[str, int]:
        try:
            replies = score_click(body, action)
        except MALFORMED_PAYLOAD as error:
            log.exception("a pulse score click could not be read: %s", error)
            return MALFORMED_ANSWER, 400
        if replies:
            self.background.submit(send_replies, body, replies, self.client)
        return "", 200
