from datetime import date, datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import Model
from engage.models.base import utcnow

DRIVERS = (
    "recognition",
    "feedback",
    "growth",
    "wellbeing",
    "workload",
    "manager_relationship",
    "peer_relationship",
    "customer_mission",
    "ambassadorship",
    "satisfaction",
    "enps",
)
DRIVER_LABELS = {"enps": "eNPS"}
# "open": answered in words only (no score); never an eNPS question.
SCALES = ("likert5", "nps10", "open")
OPEN = "open"
# Not a driver of engagement: a front-line person rating a team that serves them (engage/internal_service).
INTERNAL_SERVICE = "internal_service"
TEAM_PLACEHOLDER = "{team}"
# "imported": answered in a previous survey tool, never sent by engage (engage/history).
DELIVERY_STATUSES = ("pending", "sent", "failed", "skipped", "imported")


def driver_label(driver: str) -> str:
    """How a driver reads on pages: "eNPS", "Manager relationship"."""
    return DRIVER_LABELS.get(driver, driver.replace("_", " ").capitalize())


def asked_text(question_text: str, served_team: str | None) -> str:
    """The question as the person reads it: an internal service question names the team it asks about."""
    return question_text.replace(TEAM_PLACEHOLDER, served_team or "the team serving you")


def score_range(scale: str) -> tuple[int, int]:
    """The lowest and highest score a question on `scale` takes."""
    return (0, 10) if scale == "nps10" else (1, 5)


class Question(Model):
    """A pulse question; retired questions keep their history but are no longer asked."""

    __table_args__ = (
        sa.CheckConstraint(f"driver IN {(*DRIVERS, INTERNAL_SERVICE)!r}", name="driver"),
        sa.CheckConstraint(f"scale IN {SCALES!r}", name="scale"),
        sa.CheckConstraint("scale != 'open' OR driver != 'enps'", name="open_not_enps"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    driver: Mapped[str] = mapped_column(sa.String(32), index=True)
    text: Mapped[str] = mapped_column(sa.String(300))
    scale: Mapped[str] = mapped_column(sa.String(16), default="likert5")
    retired_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def is_open(self) -> bool:
        return self.scale == OPEN

    @property
    def max_score(self) -> int:
        return score_range(self.scale)[1]

    @property
    def min_score(self) -> int:
        return score_range(self.scale)[0]


class PulseDelivery(Model):
    """One question sent to one employee for one local day; written before the Slack send."""

    __table_args__ = (
        sa.UniqueConstraint("employee_id", "question_id", "pulse_date"),
        sa.CheckConstraint(f"status IN {DELIVERY_STATUSES!r}", name="status"),
        sa.Index("ix_pulse_delivery_due", "status", "next_attempt_at"),
        sa.Index("ix_pulse_delivery_served_team", "served_team_id", "pulse_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("team.id", ondelete="SET NULL"), index=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id"))
    # The team an internal service question asks about; its ratings go when the team does.
    served_team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("team.id", ondelete="CASCADE"))
    pulse_date: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(sa.String(300))
    slack_channel: Mapped[str | None] = mapped_column(sa.String(32))
    slack_ts: Mapped[str | None] = mapped_column(sa.String(32))
    sent_at: Mapped[datetime | None]
    reminder_sent_at: Mapped[datetime | None]
    claimed_until: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(sa.String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    employee = relationship("Employee")
    question: Mapped[Question] = relationship()
    served_team = relationship("Team", foreign_keys=[served_team_id])
    response: Mapped[Optional["PulseResponse"]] = relationship(back_populates="delivery")

    @property
    def question_text(self) -> str:
        return asked_text(self.question.text, self.served_team.name if self.served_team else None)


class PulseResponse(Model):
    """An answer; team_id is the team the person was in when answering, kept when they move.

    An open question's answer has no score: its words are in comment, so they are shown, erased and
    replied to exactly as comments are, and no score figure can count them (every one reads scores of
    likert5 or eNPS questions only).
    """

    __table_args__ = (sa.Index("ix_pulse_response_team_answered", "team_id", "answered_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        sa.ForeignKey("pulse_delivery.id", ondelete="CASCADE"), unique=True
    )
    employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("team.id", ondelete="SET NULL"))
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id"), index=True)
    score: Mapped[int | None]
    comment: Mapped[str | None] = mapped_column(sa.Text)
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    delivery: Mapped[PulseDelivery] = relationship(back_populates="response")
    question: Mapped[Question] = relationship()
