from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engage.extensions import Model
from engage.models.base import utcnow
from engage.models.pulses import PulseDelivery, PulseResponse
from engage.models.ratings import Rating, TicketOutcome

GRANULARITIES = ("day", "week", "month")


class PeriodSums:
    """The sums a rollup row holds for one metric in one period (see TeamPeriodStat for their meaning)."""

    granularity: Mapped[str] = mapped_column(sa.String(5))
    period_start: Mapped[date]
    metric: Mapped[str] = mapped_column(sa.String(40))
    n: Mapped[int] = mapped_column(default=0)
    total: Mapped[float] = mapped_column(default=0.0)
    respondents: Mapped[int] = mapped_column(default=0)
    sent: Mapped[int] = mapped_column(default=0)
    answered: Mapped[int] = mapped_column(default=0)
    promoters: Mapped[int] = mapped_column(default=0)
    detractors: Mapped[int] = mapped_column(default=0)


class TeamPeriodStat(PeriodSums, Model):
    """Sums for one metric of one team (sub-teams included) in one period; team_id NULL is the organisation.

    metric: engagement, driver:<name>, enps, participation, csat, nps, fcr, kudos_given, kudos_received.
    n counts answers (or ratings, kudos; for participation, pulses delivered); total sums their 0-100
    scores; respondents and sent count distinct people in the period; answered counts the pulses
    delivered that were answered; promoters/detractors count eNPS 9-10/0-6, satisfied CSAT, NPS 9-10/0-6,
    and for fcr (n solved tickets) the tickets resolved in their first contact.
    """

    __tablename__ = "team_period_stat"
    __table_args__ = (
        sa.CheckConstraint(f"granularity IN {GRANULARITIES!r}", name="granularity"),
        sa.Index("ix_team_period_stat_lookup", "granularity", "team_id", "period_start"),
        # A metric's day rows of a window, which its week and month rows are summed from.
        sa.Index("ix_team_period_stat_metric_days", "granularity", "metric", "period_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("team.id", ondelete="CASCADE"))


class OrgSliceStat(PeriodSums, Model):
    """TeamPeriodStat's sums for one slice of the organisation's people (employee id // SLICE_PEOPLE).

    No person is in two slices, so the organisation's row of a metric and period is the sum of its slices'
    rows, distinct people included: a refresh recomputes only the slices whose people's answers changed,
    then adds the slices up. Kept for the metrics of answers and deliveries (engagement, driver:<name>,
    enps, participation).
    """

    __tablename__ = "org_slice_stat"
    __table_args__ = (
        sa.CheckConstraint(f"granularity IN {GRANULARITIES!r}", name="granularity"),
        sa.Index("ix_org_slice_stat_key", "granularity", "period_start", "metric", "slice", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slice: Mapped[int]


class SharedFigures(Model):
    """The figures (and the text made from them) of the default pages as HR sees them, made by the scheduler
    after a refresh for the rollup version, for every web process to load instead of making them again.

    payload: the pickled figures-cache entries (zlib); signature: its HMAC-SHA256 under the app's SECRET_KEY,
    checked before it is unpickled.
    """

    __tablename__ = "shared_figures"

    version: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    part: Mapped[str] = mapped_column(sa.String(16), primary_key=True)  # shared.RESULTS, ROWS or COMMENTS
    signature: Mapped[str] = mapped_column(sa.String(64))
    payload: Mapped[bytes] = mapped_column(sa.LargeBinary)
    made_at: Mapped[datetime] = mapped_column(default=utcnow)


class TeamClosure(Model):
    """Every (ancestor, descendant) pair of the team tree, a team being its own ancestor."""

    __tablename__ = "team_closure"

    ancestor_id: Mapped[int] = mapped_column(sa.ForeignKey("team.id", ondelete="CASCADE"), primary_key=True)
    descendant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("team.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class StaleRollup(Model):
    """A day and team whose rollups of one kind of row are stale with no newer row to show it.

    A re-imported rating that moved to another team or day marks where it was; the next refresh
    recomputes that day and team and deletes the mark.
    """

    __tablename__ = "stale_rollup"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    day: Mapped[date]
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("team.id", ondelete="CASCADE"))
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)


# One row per key; the organisation's rows have team_id NULL, hence the expression.
sa.Index(
    "uq_team_period_stat_key",
    sa.func.coalesce(TeamPeriodStat.team_id, 0),
    TeamPeriodStat.granularity,
    TeamPeriodStat.period_start,
    TeamPeriodStat.metric,
    unique=True,
)
# What the incremental refresh scans for changes.
sa.Index("ix_pulse_response_updated_at", PulseResponse.updated_at)
sa.Index("ix_pulse_delivery_created_at", PulseDelivery.created_at)
sa.Index("ix_pulse_delivery_sent_at", PulseDelivery.sent_at)
sa.Index("ix_rating_imported_at", Rating.imported_at)
sa.Index("ix_ticket_outcome_imported_at", TicketOutcome.imported_at)
sa.Index("ix_ticket_outcome_solved_at", TicketOutcome.solved_at)
# What a refresh reads: a window's delivery id range, and a few teams' answers and deliveries in it.
sa.Index("ix_pulse_delivery_day_id", PulseDelivery.pulse_date, PulseDelivery.id)
sa.Index("ix_pulse_delivery_team_day", PulseDelivery.team_id, PulseDelivery.pulse_date)
sa.Index("ix_pulse_response_team_delivery", PulseResponse.team_id, PulseResponse.delivery_id)
# What an organisation slice's refresh reads: a few people's answers and deliveries in a window.
sa.Index("ix_pulse_response_employee_delivery", PulseResponse.employee_id, PulseResponse.delivery_id)
sa.Index("ix_pulse_delivery_employee_day", PulseDelivery.employee_id, PulseDelivery.pulse_date)
# Comments are read by answer time, and only rows that have one are indexed.
sa.Index(
    "ix_pulse_response_commented",
    PulseResponse.answered_at,
    postgresql_where=PulseResponse.comment.is_not(None),
    sqlite_where=PulseResponse.comment.is_not(None),
)
# A window's ratings with all a rollup reads of them: the refresh reads the index alone.
sa.Index(
    "ix_rating_rated_at_figures", Rating.rated_at, Rating.kind, Rating.team_id, Rating.score, Rating.satisfied
)
