"""Pulse DM buttons: a score tap records the answer; "Add a comment" opens the comment modal."""
import logging
import re

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.extensions import db
from engage.models.base import utcnow
from engage.pulses.answering import AnswerRefused, comment_target, record_answer
from engage.slack.blocks.pulses import (
    COMMENT_ACTION,
    SCORE_ACTION_PREFIX,
    answered_message,
    comment_modal,
    parse_score_value,
)
from engage.slack.dedupe import first_time

log = logging.getLogger(__name__)


def tell(client: WebClient, body: dict, text: str) -> None:
    """An ephemeral note to the person who clicked, in the conversation they clicked in."""
    channel = (body.get("container") or {}).get("channel_id") or (body.get("channel") or {}).get("id")
    try:
        client.chat_postEphemeral(channel=channel, user=body["user"]["id"], text=text)
    except SlackApiError as exc:
        log.warning("could not post ephemeral note: %s", exc.response.get("error"))


def on_score(ack, body: dict, action: dict, client: WebClient) -> None:
    ack()
    user_id = body["user"]["id"]
    try:
        delivery_id, score = parse_score_value(action.get("value"))
    except ValueError as exc:
        log.warning("malformed pulse button value %r from %s", action.get("value"), user_id)
        tell(client, body, str(exc))
        return
    if not first_time(f"action:{user_id}:{action.get('action_ts')}:{action.get('value')}"):
        db.session.rollback()
        log.info("duplicate pulse action from %s ignored", user_id)
        return
    try:
        answer = record_answer(delivery_id, user_id, score, utcnow())
    except AnswerRefused as exc:
        db.session.rollback()
        log.info("pulse answer refused for %s: %s", user_id, exc)
        tell(client, body, str(exc))
        return
    container = body.get("container") or {}
    question = answer.delivery.question
    try:
        client.chat_update(
            channel=container.get("channel_id") or answer.delivery.slack_channel,
            ts=container.get("message_ts") or answer.delivery.slack_ts,
            text=f"You answered {score}: {question.text}",
            blocks=answered_message(delivery_id, question.text, question.scale, score, bool(answer.comment)),
        )
    except SlackApiError as exc:
        log.warning("answer %s recorded but the message was not updated: %s", delivery_id,
                    exc.response.get("error"))


def on_comment_button(ack, body: dict, action: dict, client: WebClient) -> None:
    ack()
    value = action.get("value") or ""
    if not value.isdigit():
        tell(client, body, "That button did not name a pulse, so I can't open the comment form.")
        return
    try:
        delivery = comment_target(int(value), body["user"]["id"], utcnow())
    except AnswerRefused as exc:
        tell(client, body, str(exc))
        return
    client.views_open(
        trigger_id=body["trigger_id"],
        view=comment_modal(delivery.id, delivery.question.text, delivery.response.comment),
    )


def register(bolt_app: App) -> None:
    bolt_app.action(re.compile(rf"^{SCORE_ACTION_PREFIX}\d+$"))(on_score)
    bolt_app.action(COMMENT_ACTION)(on_comment_button)
