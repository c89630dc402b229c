"""The author's side (Slack): answer a reply, or close the conversation."""

import logging

import sqlalchemy as sa

from engage.conversations.answers import checked_text, commented_answer
from engage.conversations.errors import ConversationRefused
from engage.extensions import db
from engage.models import CommentThread, Employee, PulseResponse, ThreadMessage, driver_label

log = logging.getLogger(__name__)

NOT_YOURS = "That conversation is not about one of your comments, so it can't be answered from here."


def authors_thread(thread_id: int, slack_user_id: str) -> CommentThread:
    """The thread, if its comment was written by this Slack user; else ConversationRefused."""
    author_slack_id = db.session.scalar(
        sa.select(Employee.slack_user_id)
        .join(PulseResponse, PulseResponse.employee_id == Employee.id)
        .join(CommentThread, CommentThread.response_id == PulseResponse.id)
        .where(CommentThread.id == thread_id)
    )
    if author_slack_id is None or author_slack_id != slack_user_id:
        raise ConversationRefused(NOT_YOURS)
    return db.session.get_one(CommentThread, thread_id)


def answer_headline(thread: CommentThread) -> str:
    return f"Answer on your comment about {driver_label(commented_answer(thread.response_id).driver)}"


def answer(thread_id: int, slack_user_id: str, text: str | None) -> CommentThread:
    """Add the author's answer; the replier sees it on the Comments page."""
    thread = authors_thread(thread_id, slack_user_id)
    if thread.status == "closed":
        raise ConversationRefused("You closed this conversation, so it takes no more answers.")
    body = checked_text(text, "Your answer")
    thread.messages.append(ThreadMessage(kind="answer", text=body))
    thread.status = "open"
    db.session.commit()
    log.info("conversation %s: answered by its author", thread.id)
    return thread


def close(thread_id: int, slack_user_id: str) -> CommentThread:
    thread = authors_thread(thread_id, slack_user_id)
    if thread.status != "closed":
        thread.status = "closed"
        db.session.commit()
        log.info("conversation %s: closed by its author", thread.id)
    return thread
