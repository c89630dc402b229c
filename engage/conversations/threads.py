"""Conversations as the Comments page shows them: who replied (staff only), what was said, no times,
and nothing of the author beyond their words."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from engage.conversations.labels import AUTHOR, signature
from engage.conversations.refs import comment_ref
from engage.extensions import db
from engage.insights.types import Comment
from engage.models import CommentThread, ThreadMessage, User

ROLE_WORDS = {"manager": "manager", "hr": "HR", "admin": "admin"}
STATES = {
    "no_reply": "No reply yet",
    "waiting": "The author answered: waiting for a reply",
    "replied": "Replied",
    "acknowledged": "Acknowledged",
    "closed": "Closed by the author",
}
WAITING = ("no_reply", "waiting")


@dataclass(frozen=True)
class ShownMessage:
    author: str
    text: str
    from_author: bool


@dataclass(frozen=True)
class Conversation:
    ref: str
    state: str
    messages: tuple[ShownMessage, ...] = ()

    @property
    def label(self) -> str:
        return STATES[self.state]

    @property
    def waiting(self) -> bool:
        return self.state in WAITING

    @property
    def open(self) -> bool:
        return self.state != "closed"


def _state(thread: CommentThread | None) -> str:
    if thread is None or not thread.messages:
        return "no_reply"
    if thread.status == "closed":
        return "closed"
    if thread.messages[-1].from_employee:
        return "waiting"
    return "acknowledged" if thread.status == "acknowledged" else "replied"


def _author(message: ThreadMessage, users: dict[int, User], viewer: User) -> str:
    if message.from_employee:
        return AUTHOR
    if message.user_id == viewer.id:
        return "You"
    user = users.get(message.user_id) if message.user_id is not None else None
    return f"{signature(user)} ({ROLE_WORDS.get(user.role, user.role)})" if user else "A former user"


def conversations(comments: list[Comment], viewer: User) -> dict[int, Conversation]:
    """The conversation of each listed comment, by its response id (listed comments only: seen already)."""
    ids = [c.response_id for c in comments]
    threads = {
        t.response_id: t
        for t in db.session.scalars(
            sa.select(CommentThread)
            .where(CommentThread.response_id.in_(ids))
            .options(selectinload(CommentThread.messages))
        )
    }
    user_ids = {m.user_id for t in threads.values() for m in t.messages if m.user_id is not None}
    users = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(user_ids)))}
    out = {}
    for response_id in ids:
        thread = threads.get(response_id)
        messages = tuple(
            ShownMessage(_author(m, users, viewer), m.text, m.from_employee)
            for m in (thread.messages if thread else [])
        )
        out[response_id] = Conversation(comment_ref(response_id), _state(thread), messages)
    return out
