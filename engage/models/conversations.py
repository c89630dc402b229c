"""Anonymous conversations on comments: one thread per commented answer, its messages in order."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import Model
from engage.models.base import utcnow

THREAD_STATUSES = ("open", "acknowledged", "closed")
# reply and acknowledgement come from the replier (a manager or HR), answer from the comment's author.
MESSAGE_KINDS = ("reply", "acknowledgement", "answer")


class CommentThread(Model):
    """A conversation on one comment. Pages reach it through the comment, never by the author."""

    __table_args__ = (sa.CheckConstraint(f"status IN {THREAD_STATUSES!r}", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("pulse_response.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(sa.String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    messages: Mapped[list["ThreadMessage"]] = relationship(
        back_populates="thread", order_by="ThreadMessage.id", cascade="all, delete-orphan"
    )


class ThreadMessage(Model):
    """One message; replier_label ("Your manager", "HR") and signed_as are what the author was shown."""

    __table_args__ = (sa.CheckConstraint(f"kind IN {MESSAGE_KINDS!r}", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(sa.ForeignKey("comment_thread.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    text: Mapped[str] = mapped_column(sa.Text)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    replier_label: Mapped[str | None] = mapped_column(sa.String(60))
    signed_as: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    thread: Mapped[CommentThread] = relationship(back_populates="messages")

    @property
    def from_employee(self) -> bool:
        return self.kind == "answer"
