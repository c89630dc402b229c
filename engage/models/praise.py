from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import Model
from engage.models.base import utcnow

# "manager": the praise of a manager's direct reports, each with a Give kudos button; "agent": their own.
PRAISE_KINDS = ("manager", "agent")
PRAISE_STATUSES = ("pending", "sent", "failed", "skipped")


class PraiseDelivery(Model):
    """One daily DM of customers' praise to one person; the unique key makes it once per person, kind and day.

    It lists praise imported in [window_start, window_end), fixed when the row is written, so a retry sends
    the same praise and the next day's DM starts where this one ended. Claimed, sent and recovered as pulse
    deliveries are (engage/pulses/sending.py); praise_date is the recipient's local date.
    """

    __tablename__ = "praise_delivery"
    __table_args__ = (
        sa.UniqueConstraint("employee_id", "kind", "praise_date"),
        sa.CheckConstraint(f"kind IN {PRAISE_KINDS!r}", name="kind"),
        sa.CheckConstraint(f"status IN {PRAISE_STATUSES!r}", name="status"),
        sa.CheckConstraint("window_start < window_end", name="window"),
        sa.Index("ix_praise_delivery_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(16))
    praise_date: Mapped[date]
    window_start: Mapped[datetime]
    window_end: Mapped[datetime]
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
