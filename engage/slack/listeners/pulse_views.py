"""The comment and open-answer modals' submissions: validate and store (confidential) before the ack,
then update the DM."""

from collections.abc import Callable
from datetime import datetime

from slack_bolt import App

from engage.models.base import utcnow
from engage.pulses.answering import Answer, AnswerRefused, save_comment
from engage.pulses.open_answers import save_open_answer
from engage.slack.blocks.pulses import (
    COMMENT_BLOCK,
    COMMENT_CALLBACK,
    OPEN_ANSWER_BLOCK,
    OPEN_ANSWER_CALLBACK,
)
from engage.slack.listeners.lazy import UPDATE, send_replies
from engage.slack.listeners.pulse_actions import answered_update

Save = Callable[[int, str, str | None, datetime], Answer]


def _save_submitted(ack, body: dict, view: dict, context: dict, block: str, button: str, save: Save) -> None:
    """Store the modal's text with `save`; errors go back beside the input, in Slack's format."""
    values = (view.get("state") or {}).get("values") or {}
    value = (values.get(block) or {}).get(block) or {}
    metadata = view.get("private_metadata") or ""
    try:
        if not metadata.isdigit():
            raise AnswerRefused(f"This form lost track of its pulse; close it and tap '{button}' again.")
        answer = save(int(metadata), body["user"]["id"], value.get("value"), utcnow())
    except AnswerRefused as exc:
        ack(response_action="errors", errors={block: str(exc)})
        return
    if answer.slack_channel and answer.slack_ts:
        context[UPDATE] = answered_update({}, answer)
        if answer.score is not None:
            context[UPDATE]["text"] = "Your comment is saved."
    ack()


def save_submitted_comment(ack, body: dict, view: dict, context: dict) -> None:
    _save_submitted(ack, body, view, context, COMMENT_BLOCK, "Add a comment", save_comment)


def save_submitted_open_answer(ack, body: dict, view: dict, context: dict) -> None:
    _save_submitted(ack, body, view, context, OPEN_ANSWER_BLOCK, "Answer", save_open_answer)


def register(bolt_app: App) -> None:
    bolt_app.view(COMMENT_CALLBACK)(ack=save_submitted_comment, lazy=[send_replies])
    bolt_app.view(OPEN_ANSWER_CALLBACK)(ack=save_submitted_open_answer, lazy=[send_replies])
