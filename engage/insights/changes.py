"""What changed since a moment: the (day, team) of every raw row written or changed, by kind of row."""

from datetime import date, datetime

import sqlalchemy as sa

from engage.extensions import db
from engage.insights.rollup_queries import (
    ANSWERS,
    DELIVERIES,
    KUDOS,
    RATINGS,
    TICKETS,
    answers_with_deliveries,
)
from engage.insights.rollup_source import period_expr, slice_of
from engage.models import (
    Kudos,
    KudosRecipient,
    PulseDelivery,
    PulseResponse,
    Rating,
    StaleRollup,
    TicketOutcome,
)

Changes = dict[str, set[tuple[date, int | None]]]
PEOPLE_KINDS = (ANSWERS, DELIVERIES)  # their rows name a person: changes are found by slice of people too


def _change_queries(since: datetime) -> dict[str, list[sa.Select]]:
    """One query per watermark column, each answerable from that column's index alone; a row is a day,
    the person (PEOPLE_KINDS only) and the teams whose figures of that day it changes."""
    dialect = db.engine.dialect.name
    answers, answer_day, delivery_team = answers_with_deliveries()
    given = sa.join(KudosRecipient, Kudos, Kudos.id == KudosRecipient.kudos_id)
    delivery = sa.select(PulseDelivery.pulse_date, PulseDelivery.employee_id, PulseDelivery.team_id)
    kudos_day = period_expr(Kudos.created_at, "day", dialect)
    return {
        ANSWERS: [
            # An answer counts in its own team and, for participation, in its delivery's team; the
            # delivery's team also covers an answer changed after its person moved to another team.
            sa.select(answer_day, PulseResponse.employee_id, PulseResponse.team_id, delivery_team)
            .select_from(answers)
            .where(PulseResponse.updated_at >= since),
        ],
        DELIVERIES: [
            delivery.where(PulseDelivery.created_at >= since),
            delivery.where(PulseDelivery.sent_at >= since),
        ],
        RATINGS: [
            sa.select(period_expr(Rating.rated_at, "day", dialect), Rating.team_id).where(
                Rating.imported_at >= since
            ),
        ],
        TICKETS: [
            sa.select(period_expr(TicketOutcome.solved_at, "day", dialect), TicketOutcome.team_id).where(
                TicketOutcome.imported_at >= since
            ),
        ],
        KUDOS: [
            sa.select(kudos_day, Kudos.giver_team_id).where(Kudos.created_at >= since),
            sa.select(kudos_day, KudosRecipient.team_id).select_from(given).where(Kudos.created_at >= since),
        ],
    }


def changed_since(since: datetime) -> tuple[Changes, Changes]:
    """For each kind of raw row, the (day, team) pairs written or changed since the moment, and for
    PEOPLE_KINDS the (day, slice of people) pairs."""
    changes: Changes = {}
    slices: Changes = {kind: set() for kind in PEOPLE_KINDS}
    for kind, queries in _change_queries(since).items():
        found = changes.setdefault(kind, set())
        for query in queries:
            # No DISTINCT: SQLite would answer it by scanning a (team, day) index instead of the watermark's.
            for day, *columns in db.session.execute(query).all():
                day = day if isinstance(day, date) else date.fromisoformat(day)
                if kind in PEOPLE_KINDS:
                    employee_id, *columns = columns
                    slices[kind].add((day, slice_of(employee_id)))
                found.update((day, team_id) for team_id in columns)
    return changes, slices


def mark_stale(kind: str, pairs: set[tuple[date, int | None]]) -> None:
    """Have the next refresh recompute these (day, team) pairs for this kind of row; no commit."""
    if pairs:
        db.session.execute(
            sa.insert(StaleRollup),
            [{"kind": kind, "day": day, "team_id": team} for day, team in sorted(pairs, key=str)],
        )


def marked_stale() -> tuple[Changes, list[int]]:
    """The marked (day, team) pairs by kind of row, and the marks' ids to delete once recomputed."""
    changes: Changes = {}
    ids = []
    for mark in db.session.execute(
        sa.select(StaleRollup.id, StaleRollup.kind, StaleRollup.day, StaleRollup.team_id)
    ):
        changes.setdefault(mark.kind, set()).add((mark.day, mark.team_id))
        ids.append(mark.id)
    return changes, ids


def forget_marks(ids: list[int]) -> None:
    if ids:
        db.session.execute(sa.delete(StaleRollup).where(StaleRollup.id.in_(ids)))
