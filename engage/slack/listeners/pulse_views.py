"""The comment modal's submission: validate, store (confidential), then confirm in the DM."""
import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.models.base import utcnow
from engage.pulses.answering import AnswerRefused, save_comment
from engage.slack.blocks.pulses import COMMENT_BLOCK, COMMENT_CALLBACK, answered_message

log = logging.getLogger(__name__)


def on_comment_submitted(ack, body: dict, view: dict, client: WebClient) -> None:
    values = (view.get("state") or {}).get("values") or {}
    value = (values.get(COMMENT_BLOCK) or {}).get(COMMENT_BLOCK) or {}
    metadata = view.get("private_metadata") or ""
    try:
        if not metadata.isdigit():
            raise AnswerRefused("This form lost track of its pulse; close it and tap 'Add a comment' again.")
        answer = save_comment(int(metadata), body["user"]["id"], value.get("value"), utcnow())
    except AnswerRefused as exc:
        ack(response_action="errors", errors={COMMENT_BLOCK: str(exc)})
        return
    ack()
    delivery = answer.delivery
    if delivery.slack_channel and delivery.slack_ts:
        question = delivery.question
        try:
            client.chat_update(
                channel=delivery.slack_channel, ts=delivery.slack_ts, text="Your comment is saved.",
                blocks=answered_message(delivery.id, question.text, question.scale, answer.score, True),
            )
        except SlackApiError as exc:
            log.warning("comment saved but message %s not updated: %s", delivery.id,
                        exc.response.get("error"))


def register(bolt_app: App) -> None:
    bolt_app.view(COMMENT_CALLBACK)(on_comment_submitted)
