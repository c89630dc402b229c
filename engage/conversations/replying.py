"""The replier's side (web): reply to a comment, or acknowledge it without replying."""

import logging

from engage.auth.access import Principal
from engage.conversations.answers import CommentedAnswer, checked_text, commented_answer, thread_for
from engage.conversations.errors import ConversationRefused
from engage.conversations.labels import replier_label, signature
from engage.conversations.notify import tell_author
from engage.conversations.refs import response_of
from engage.extensions import db
from engage.insights import comment_is_shown
from engage.models import CommentThread, ThreadMessage, User

log = logging.getLogger(__name__)

ACKNOWLEDGEMENT = "Thanks, noted."
NOT_VISIBLE = (
    "You can't reply to that comment: it is not on your Comments page (its group is under the comment "
    "threshold, or it is not one of your teams)."
)
CLOSED = "The author closed this conversation, so it takes no more replies."


def _answer_for(principal: Principal, ref: str) -> CommentedAnswer:
    answer = commented_answer(response_of(ref))
    if not comment_is_shown(principal, answer.team_id, answer.day):
        raise ConversationRefused(NOT_VISIBLE)
    return answer


def _writable_thread(answer: CommentedAnswer) -> CommentThread:
    thread = thread_for(answer.response_id)
    if thread.status == "closed":
        db.session.rollback()
        raise ConversationRefused(CLOSED)
    return thread


def reply(principal: Principal, user: User, ref: str, text: str | None, sign: bool) -> CommentThread:
    """Add a reply and queue the author's DM; ConversationRefused leaves everything as it was."""
    answer = _answer_for(principal, ref)
    body = checked_text(text, "Your reply")
    thread = _writable_thread(answer)
    label = replier_label(user, answer.author)
    signed_as = signature(user) if sign else None
    thread.messages.append(
        ThreadMessage(kind="reply", text=body, user_id=user.id, replier_label=label, signed_as=signed_as)
    )
    thread.status = "open"
    db.session.flush()
    tell_author(thread, answer, f"{label} replied to your comment about {answer.topic}", body, signed_as)
    db.session.commit()
    log.info("conversation %s: reply from user %s", thread.id, user.id)
    return thread


def acknowledge(principal: Principal, user: User, ref: str) -> CommentThread:
    """Mark the comment read ("Thanks, noted.") without a reply; the author is told so."""
    answer = _answer_for(principal, ref)
    thread = _writable_thread(answer)
    if thread.status == "acknowledged":
        db.session.rollback()
        raise ConversationRefused("This comment is already acknowledged.")
    label = replier_label(user, answer.author)
    thread.messages.append(
        ThreadMessage(kind="acknowledgement", text=ACKNOWLEDGEMENT, user_id=user.id, replier_label=label)
    )
    thread.status = "acknowledged"
    db.session.flush()
    headline = f"{label} read your comment about {answer.topic}"
    tell_author(thread, answer, headline, ACKNOWLEDGEMENT, None)
    db.session.commit()
    log.info("conversation %s: acknowledged by user %s", thread.id, user.id)
    return thread
