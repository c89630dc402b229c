"""Pulse DM buttons: a score tap records the answer; "Add a comment" opens the comment modal."""

import logging
import re

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.models.base import utcnow
from engage.pulses.answering import Answer, AnswerRefused, comment_target
from engage.pulses.clicks import record_click
from engage.slack.background import opens_modal
from engage.slack.blocks.pulses import (
    COMMENT_ACTION,
    SCORE_ACTION_PREFIX,
    answered_message,
    comment_modal,
    parse_score_value,
)
from engage.slack.listeners.lazy import NOTE, UPDATE, send_replies, tell

log = logging.getLogger(__name__)
MODAL = "engage_modal"
SCORE_ACTION = re.compile(rf"^{SCORE_ACTION_PREFIX}\d+$")


def record_score(ack, body: dict, action: dict, context: dict) -> None:
    """Commit the answer (Slack gets the ack when this returns); send_replies updates the message."""
    ack()
    context.update(score_click(body, action))


def score_click(body: dict, action: dict) -> dict:
    """Record a score click, committed; what send_replies should then send (nothing for a retry)."""
    user_id = body["user"]["id"]
    try:
        delivery_id, score = parse_score_value(action.get("value"))
    except ValueError as exc:
        log.warning("malformed pulse button value %r from %s", action.get("value"), user_id)
        return {NOTE: str(exc)}
    key = f"action:{user_id}:{action.get('action_ts')}:{action.get('value')}"
    try:
        answer = record_click(key, delivery_id, user_id, score, utcnow())
    except AnswerRefused as exc:
        log.info("pulse answer refused for %s: %s", user_id, exc)
        return {NOTE: str(exc)}
    if answer is None:
        log.info("duplicate pulse action from %s ignored", user_id)
        return {}
    return {UPDATE: answered_update(body, answer)}


def answered_update(body: dict, answer: Answer) -> dict:
    """chat.update arguments that turn the pulse message into its answered form."""
    container = body.get("container") or {}
    return {
        "channel": container.get("channel_id") or answer.slack_channel,
        "ts": container.get("message_ts") or answer.slack_ts,
        "text": f"You answered {answer.score}: {answer.question_text}",
        "blocks": answered_message(
            answer.delivery_id, answer.question_text, answer.scale, answer.score, bool(answer.comment)
        ),
    }


def prepare_comment_form(ack, body: dict, action: dict, context: dict) -> None:
    ack()
    value = action.get("value") or ""
    try:
        if not value.isdigit():
            raise AnswerRefused("That button did not name a pulse, so I can't open the comment form.")
        delivery = comment_target(int(value), body["user"]["id"], utcnow())
        comment = delivery.response.comment if delivery.response else None
        context[MODAL] = comment_modal(delivery.id, delivery.question.text, comment)
    except AnswerRefused as exc:
        context[NOTE] = str(exc)


@opens_modal
def open_comment_form(body: dict, context: dict, client: WebClient) -> None:
    if context.get(NOTE):
        tell(client, body, context[NOTE])
    if context.get(MODAL):
        try:
            client.views_open(trigger_id=body["trigger_id"], view=context[MODAL])
        except SlackApiError as exc:
            log.warning("views.open for a pulse comment failed: %s", exc.response.get("error"))


def register(bolt_app: App) -> None:
    bolt_app.action(SCORE_ACTION)(ack=record_score, lazy=[send_replies])
    bolt_app.action(COMMENT_ACTION)(ack=prepare_comment_form, lazy=[open_comment_form])
