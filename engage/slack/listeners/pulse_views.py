"""The comment modal's submission: validate and store (confidential) before the ack, then update the DM."""

from slack_bolt import App

from engage.models.base import utcnow
from engage.pulses.answering import AnswerRefused, save_comment
from engage.slack.blocks.pulses import COMMENT_BLOCK, COMMENT_CALLBACK
from engage.slack.listeners.lazy import UPDATE, send_replies
from engage.slack.listeners.pulse_actions import answered_update


def save_submitted_comment(ack, body: dict, view: dict, context: dict) -> None:
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
    if answer.slack_channel and answer.slack_ts:
        context[UPDATE] = answered_update({}, answer) | {"text": "Your comment is saved."}
    ack()


def register(bolt_app: App) -> None:
    bolt_app.view(COMMENT_CALLBACK)(ack=save_submitted_comment, lazy=[send_replies])
