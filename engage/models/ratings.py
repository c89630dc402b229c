from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import Model
from engage.models.base import utcnow

RATING_KINDS = ("csat", "nps")


class Rating(Model):
    """A customer rating from a help desk, on its own scale and on the common 0-100 scale.

    satisfied: CSAT 4-5 of 5 or "good"; for NPS, a promoter (9-10).
    """

    __table_args__ = (
        sa.UniqueConstraint("source", "external_id"),
        sa.CheckConstraint(f"kind IN {RATING_KINDS!r}", name="kind"),
        sa.CheckConstraint("score >= 0 AND score <= 100", name="score"),
        sa.Index("ix_rating_team_rated", "team_id", "rated_at"),
        sa.Index("ix_rating_imported", "imported_at"),  # the praise of the last days
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(sa.String(50))
    external_id: Mapped[str] = mapped_column(sa.String(120))
    kind: Mapped[str] = mapped_column(sa.String(8))
    raw_value: Mapped[str] = mapped_column(sa.String(20))
    score: Mapped[float]
    satisfied: Mapped[bool]
    rated_at: Mapped[datetime]
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("team.id", ondelete="SET NULL"))
    agent_email: Mapped[str | None] = mapped_column(sa.String(254))
    comment: Mapped[str | None] = mapped_column(sa.Text)  # the customer's, as the help desk gave it
    account: Mapped[str | None] = mapped_column(sa.String(200))  # the customer's company, where given
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

    team = relationship("Team")


class TicketOutcome(Model):
    """A solved help-desk ticket, and whether it was resolved in its first contact (FCR)."""

    __tablename__ = "ticket_outcome"
    __table_args__ = (
        sa.UniqueConstraint("source", "external_id"),
        sa.Index("ix_ticket_outcome_team_solved", "team_id", "solved_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(sa.String(50))
    external_id: Mapped[str] = mapped_column(sa.String(120))
    solved_at: Mapped[datetime]
    first_contact_resolved: Mapped[bool]
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("team.id", ondelete="SET NULL"))
    agent_email: Mapped[str | None] = mapped_column(sa.String(254))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

    team = relationship("Team")


class TeamMapping(Model):
    """Maps a help-desk group or queue of a source to one of our teams."""

    __table_args__ = (sa.UniqueConstraint("source", "external_group"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(sa.String(50))
    external_group: Mapped[str] = mapped_column(sa.String(120))
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id", ondelete="CASCADE"))

    team = relationship("Team")
