"""Buttons on a conversation DM: "Answer" opens the answer modal, "Close conversation" closes it."""

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.conversations.answering import answer_headline, authors_thread, close
from engage.conversations.errors import ConversationRefused
from engage.slack.background import opens_modal
from engage.slack.blocks.conversations import ANSWER_ACTION, CLOSE_ACTION, answer_modal
from engage.slack.listeners.lazy import NOTE, send_replies, tell

log = logging.getLogger(__name__)
MODAL = "engage_conversation_modal"
NO_THREAD = "That button did not name a conversation, so nothing happened."


def _thread_id(action: dict) -> int:
    value = action.get("value") or ""
    if not value.isdigit():
        raise ConversationRefused(NO_THREAD)
    return int(value)


def prepare_answer_form(ack, body: dict, action: dict, context: dict) -> None:
    ack()
    try:
        thread = authors_thread(_thread_id(action), body["user"]["id"])
        if thread.status == "closed":
            raise ConversationRefused("You closed this conversation, so it takes no more answers.")
        context[MODAL] = answer_modal(thread.id, answer_headline(thread))
    except ConversationRefused as exc:
        context[NOTE] = exc.message


@opens_modal
def open_answer_form(body: dict, context: dict, client: WebClient) -> None:
    if context.get(NOTE):
        tell(client, body, context[NOTE])
    if context.get(MODAL):
        try:
            client.views_open(trigger_id=body["trigger_id"], view=context[MODAL])
        except SlackApiError as exc:
            log.warning("views.open for a conversation answer failed: %s", exc.response.get("error"))


def close_conversation(ack, body: dict, action: dict, context: dict) -> None:
    ack()
    try:
        close(_thread_id(action), body["user"]["id"])
        context[NOTE] = "Conversation closed: nobody can reply to that comment any more."
    except ConversationRefused as exc:
        context[NOTE] = exc.message


def register(bolt_app: App) -> None:
    bolt_app.action(ANSWER_ACTION)(ack=prepare_answer_form, lazy=[open_answer_form])
    bolt_app.action(CLOSE_ACTION)(ack=close_conversation, lazy=[send_replies])
