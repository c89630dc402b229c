"""Pulse DM buttons: a score tap records the answer; "Add a comment" opens the comment modal; an open
question's "Answer" opens the answer modal."""

import logging
import re

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.models.base import utcnow
from engage.pulses.answering import Answer, AnswerRefused, comment_target
from engage.pulses.clicks import record_click
from engage.pulses.open_answers import open_answer_target
from engage.slack.background import opens_modal
from engage.slack.blocks.pulses import (
    COMMENT_ACTION,
    OPEN_ANSWER_ACTION,
    SCORE_ACTION_PREFIX,
    answered_message,
    comment_modal,
    open_answer_modal,
    open_answered_message,
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
    where = {
        "channel": container.get("channel_id") or answer.slack_channel,
        "ts": container.get("message_ts") or answer.slack_ts,
    }
    if answer.score is None:
        return where | {
            "text": f"Your answer is saved: {answer.question_text}",
            "blocks": open_answered_message(answer.delivery_id, answer.question_text),
        }
    return where | {
        "text": f"You answered {answer.score}: {answer.question_text}",
        "blocks": answered_message(
            answer.delivery_id, answer.question_text, answer.scale, answer.score, bool(answer.comment)
        ),
    }


def _delivery_id(action: dict, form: str) -> int:
    value = action.get("value") or ""
    if not value.isdigit():
        raise AnswerRefused(f"That button did not name a pulse, so I can't open the {form}.")
    return int(value)


def prepare_comment_form(ack, body: dict, action: dict, context: dict) -> None:
    ack()
    try:
        delivery = comment_target(_delivery_id(action, "comment form"), body["user"]["id"], utcnow())
        comment = delivery.response.comment if delivery.response else None
        context[MODAL] = comment_modal(delivery.id, delivery.question_text, comment)
    except AnswerRefused as exc:
        context[NOTE] = str(exc)


def prepare_open_answer_form(ack, body: dict, action: dict, context: dict) -> None:
    ack()
    try:
        delivery = open_answer_target(_delivery_id(action, "answer form"), body["user"]["id"], utcnow())
        words = delivery.response.comment if delivery.response else None
        context[MODAL] = open_answer_modal(delivery.id, delivery.question.text, words)
    except AnswerRefused as exc:
        context[NOTE] = str(exc)


@opens_modal
def open_prepared_modal(body: dict, context: dict, client: WebClient) -> None:
    """Lazy: the note or the modal the ack function prepared (views.open with the click's trigger_id)."""
    if context.get(NOTE):
        tell(client, body, context[NOTE])
    if context.get(MODAL):
        try:
            client.views_open(trigger_id=body["trigger_id"], view=context[MODAL])
        except SlackApiError as exc:
            modal = context[MODAL]["callback_id"]
            log.warning("views.open for %s failed: %s", modal, exc.response.get("error"))


def register(bolt_app: App) -> None:
    bolt_app.action(SCORE_ACTION)(ack=record_score, lazy=[send_replies])
    bolt_app.action(COMMENT_ACTION)(ack=prepare_comment_form, lazy=[open_prepared_modal])
    bolt_app.action(OPEN_ANSWER_ACTION)(ack=prepare_open_answer_form, lazy=[open_prepared_modal])
