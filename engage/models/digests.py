from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import Model
from engage.models.base import utcnow

# "teams": a manager's teams; "organisation": the whole organisation, for HR who asked for it.
DIGEST_KINDS = ("teams", "organisation")
DIGEST_STATUSES = ("pending", "sent", "failed", "skipped")


class DigestDelivery(Model):
    """One weekly digest DM to one person; the unique key makes it once per person, kind and week.

    Claimed, sent and recovered as pulse deliveries are (engage/pulses/sending.py): digest_date is the
    recipient's local date of the digest day.
    """

    __tablename__ = "digest_delivery"
    __table_args__ = (
        sa.UniqueConstraint("employee_id", "kind", "digest_date"),
        sa.CheckConstraint(f"kind IN {DIGEST_KINDS!r}", name="kind"),
        sa.CheckConstraint(f"status IN {DIGEST_STATUSES!r}", name="status"),
        sa.Index("ix_digest_delivery_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(16))
    digest_date: Mapped[date]
    status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(sa.String(300))
    slack_channel: Mapped[str | None] = mapped_column(sa.String(32))
    slack_ts: Mapped[str | None] = mapped_column(sa.String(32))
    sent_at: Mapped[datetime | None]
    claimed_until: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(sa.String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    employee = relationship("Employee")


class DigestPreference(Model):
    """`/engage digest on|off`: without a row, managers get their digest and HR no organisation digest."""

    __tablename__ = "digest_preference"

    employee_id: Mapped[int] = mapped_column(
        sa.ForeignKey("employee.id", ondelete="CASCADE"), primary_key=True
    )
    enabled: Mapped[bool]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
