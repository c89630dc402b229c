"""Pulse score clicks answered without bolt's dispatch: at the pulse hour they are nearly every request.

The guard (request_guard) has checked each request's signature, its timestamp and its shape. For a
score click bolt would then only authorize it (engage gives every team its one bot token, so that
checks nothing), find record_score among some twenty listeners, and run send_replies on the background
threads: this does the same directly. Socket Mode still goes through bolt.
"""

import logging

from flask import Flask

from engage.slack.background import BackgroundWork
from engage.slack.bolt_app import MALFORMED_ANSWER, MALFORMED_PAYLOAD, web_client
from engage.slack.keepalive import KeepAliveWebClient
from engage.slack.listeners.lazy import send_replies
from engage.slack.listeners.pulse_actions import SCORE_ACTION, score_click

log = logging.getLogger(__name__)


def score_action(parsed: dict) -> dict | None:
    """The clicked score button of a pulse score click, or None for any other request."""
    if parsed.get("type") != "block_actions":
        return None
    action = parsed["actions"][0]  # the one bolt's listeners match on too
    return action if SCORE_ACTION.match(action["action_id"]) else None


class ScoreClicks:
    """Record a click before its ack; update the message after it, on a kept-alive connection to Slack."""

    def __init__(self, flask_app: Flask, background: BackgroundWork) -> None:
        self.background = background
        self.client = web_client(flask_app, KeepAliveWebClient)

    def answer(self, body: dict, action: dict) -> tuple[str, int]:
        try:
            replies = score_click(body, action)
        except MALFORMED_PAYLOAD as error:
            log.exception("a pulse score click could not be read: %s", error)
            return MALFORMED_ANSWER, 400
        if replies:
            self.background.submit(send_replies, body, replies, self.client)
        return "", 200
