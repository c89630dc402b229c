"""Alerts raised on a team's weekly figures (engage/alerts)."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import Model
from engage.models.base import utcnow

ALERT_KINDS = ("engagement_csat", "participation")


class TeamAlert(Model):
    """A drop beyond the usual week-to-week noise in the week from week_start; summary is what was sent."""

    __table_args__ = (
        sa.CheckConstraint(f"kind IN {ALERT_KINDS!r}", name="kind"),
        sa.UniqueConstraint("team_id", "kind", "week_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(32))
    week_start: Mapped[date]
    summary: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    team = relationship("Team")
