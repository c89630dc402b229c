from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import Model
from engage.models.base import utcnow
from engage.models.pulses import DRIVERS

PLAN_STATUSES = ("active", "done", "dropped")


class ActionPlan(Model):
    """What a manager will do about one driver of a team, from start_date until its review.

    owner_id: who gets the review reminder in Slack (the author's employee record when they have one).
    """

    __tablename__ = "action_plan"
    __table_args__ = (
        sa.CheckConstraint(f"driver IN {DRIVERS!r}", name="driver"),
        sa.CheckConstraint(f"status IN {PLAN_STATUSES!r}", name="status"),
        sa.CheckConstraint("review_date > start_date", name="review_after_start"),
        sa.Index("ix_action_plan_team_start", "team_id", "start_date"),
        sa.Index("ix_action_plan_review", "status", "review_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id", ondelete="CASCADE"))
    driver: Mapped[str] = mapped_column(sa.String(32))
    action: Mapped[str] = mapped_column(sa.Text)
    start_date: Mapped[date]
    review_date: Mapped[date]
    status: Mapped[str] = mapped_column(sa.String(16), default="active")
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employee.id", ondelete="SET NULL"))
    announce_channel: Mapped[str | None] = mapped_column(sa.String(32))
    announced_ts: Mapped[str | None] = mapped_column(sa.String(32))
    announce_error: Mapped[str | None] = mapped_column(sa.String(300))
    review_reminded_at: Mapped[datetime | None]
    review_error: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    team = relationship("Team")
    author = relationship("User")
    owner = relationship("Employee")
