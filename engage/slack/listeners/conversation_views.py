"""The answer modal's submission: stored before the ack (a refusal shows beside the field)."""

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.conversations.answering import answer
from engage.conversations.errors import ConversationRefused
from engage.slack.blocks.conversations import ANSWER_BLOCK, ANSWER_CALLBACK

log = logging.getLogger(__name__)
SENT = "engage_conversation_answered"
LOST = "This form lost track of its conversation; close it and tap Answer again."
SENT_NOTE = "Your answer is sent. They see your words, never your name."


def save_answer(ack, body: dict, view: dict, context: dict) -> None:
    values = (view.get("state") or {}).get("values") or {}
    value = (values.get(ANSWER_BLOCK) or {}).get(ANSWER_BLOCK) or {}
    metadata = view.get("private_metadata") or ""
    try:
        if not metadata.isdigit():
            raise ConversationRefused(
                "This form lost track of its conversation; close it and tap Answer again."
            )
        answer(int(metadata), body["user"]["id"], value.get("value"))
    except ConversationRefused as exc:
        ack(response_action="errors", errors={ANSWER_BLOCK: exc.message})
        return
    context[SENT] = True
    ack()


def confirm_answer(body: dict, context: dict, client: WebClient) -> None:
    """Lazy: a DM confirming the answer went (the modal closes on the ack)."""
    if not context.get(SENT):
        return
    try:
        client.chat_postMessage(channel=body["user"]["id"], text=SENT_NOTE)
    except SlackApiError as exc:
        log.warning("could not confirm a conversation answer: %s", exc.response.get("error"))


def register(bolt_app: App) -> None:
    bolt_app.view(ANSWER_CALLBACK)(ack=save_answer, lazy=[confirm_answer])
