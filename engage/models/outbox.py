"""Slack messages that services queue and the scheduler sends (conversation replies, alerts)."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engage.extensions import Model
from engage.models.base import utcnow

OUTGOING_STATUSES = ("pending", "sent", "failed")


class OutgoingMessage(Model):
    """One chat.postMessage to a user (a DM) or a channel, written before it is sent."""

    __table_args__ = (
        sa.CheckConstraint(f"status IN {OUTGOING_STATUSES!r}", name="status"),
        sa.Index("ix_outgoing_message_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(sa.String(32))
    channel: Mapped[str] = mapped_column(sa.String(32))
    text: Mapped[str] = mapped_column(sa.Text)
    blocks: Mapped[str | None] = mapped_column(sa.Text)  # JSON
    status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(sa.String(300))
    claimed_until: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(sa.String(32))
    slack_ts: Mapped[str | None] = mapped_column(sa.String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
