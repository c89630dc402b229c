"""The GROUP BY queries behind the rollups, written once for SQLite and PostgreSQL."""

from collections.abc import Callable
from datetime import timedelta
from typing import NamedTuple

import sqlalchemy as sa

from engage.extensions import db
from engage.insights.rollup_source import Source, Window
from engage.models import (
    Kudos,
    KudosRecipient,
    PulseDelivery,
    PulseResponse,
    Question,
    Rating,
    TicketOutcome,
)
from engage.models.pulses import INTERNAL_SERVICE


def with_delivery_ids(window: Window) -> Window:
    """The window with the id range of its deliveries, which lets its answers be read by index."""
    count = (window.end - window.start).days
    days = sa.union_all(
        *[sa.select(sa.literal(window.start + timedelta(days=n), sa.Date).label("day")) for n in range(count)]
    ).subquery("days")
    # Day by day: the index on (day, id) holds each day's lowest and highest id at its ends, where a range
    # of days has every delivery of the window read.
    of_the_day = PulseDelivery.pulse_date == days.c.day
    first = sa.select(sa.func.min(PulseDelivery.id)).where(of_the_day).scalar_subquery()
    last = sa.select(sa.func.max(PulseDelivery.id)).where(of_the_day).scalar_subquery()
    ids = db.session.execute(sa.select(sa.func.min(first), sa.func.max(last)).select_from(days)).one()
    return window._replace(delivery_ids=tuple(ids)) if ids[0] is not None else window


def answers_with_deliveries():
    """Answers joined to their delivery's day and team, each delivery looked up by its key: (FROM clause,
    day column, delivery's team column).

    For answers found by another index (commented, changed since a moment): on PostgreSQL a lateral
    look-up behind OFFSET 0 keeps the planner from hashing every delivery (a cost growing with all
    answers) when it expects more answers than there are.
    """
    if db.engine.dialect.name != "postgresql":
        joined = sa.join(PulseResponse, PulseDelivery, PulseDelivery.id == PulseResponse.delivery_id)
        return joined, PulseDelivery.pulse_date, PulseDelivery.team_id
    delivery = (
        sa.select(PulseDelivery.pulse_date, PulseDelivery.team_id)
        .where(PulseDelivery.id == PulseResponse.delivery_id)
        .offset(0)
        .lateral("delivery")
    )
    return sa.join(PulseResponse, delivery, sa.true()), delivery.c.pulse_date, delivery.c.team_id


def _count_if(condition):
    return sa.func.sum(sa.case((condition, 1), else_=0))


def _answer_of_delivery(window: Window | None):
    """The join of an answer to its delivery; within a window, to the window's delivery ids too, so that
    the answers are read by index (deliveries are written on their day: a period's ids are one narrow
    range) rather than all of them."""
    joined = PulseResponse.delivery_id == PulseDelivery.id
    if window is None or window.delivery_ids is None:
        return joined
    return joined & PulseResponse.delivery_id.between(*window.delivery_ids)


def _answers(where) -> Source:
    return Source(
        lambda window: sa.join(PulseResponse, PulseDelivery, _answer_of_delivery(window)),
        PulseResponse.team_id,
        PulseDelivery.pulse_date,
        False,
        where,
        PulseResponse.employee_id,
        (Question, Question.id, PulseResponse.question_id),
    )


# Internal service ratings are about the team rated, not the rater's own: no part of their engagement.
_likert = [Question.scale == "likert5", Question.driver.not_in(("enps", INTERNAL_SERVICE))]
_score_100 = (PulseResponse.score - 1) * 25.0
_respondents = sa.func.count(sa.distinct(PulseResponse.employee_id))


def engagement(granularity, dialect, window, group):
    return _answers(_likert).select(
        granularity,
        dialect,
        window,
        group,
        sa.literal("engagement", sa.String),
        n=sa.func.count(),
        total=sa.func.sum(_score_100),
        respondents=_respondents,
    )


def drivers(granularity, dialect, window, group):
    return _answers(_likert).select(
        granularity,
        dialect,
        window,
        group,
        sa.literal("driver:", sa.String) + Question.driver,
        extra_group=[Question.driver],
        n=sa.func.count(),
        total=sa.func.sum(_score_100),
        respondents=_respondents,
    )


def enps(granularity, dialect, window, group):
    return _answers([Question.driver == "enps"]).select(
        granularity,
        dialect,
        window,
        group,
        sa.literal("enps", sa.String),
        n=sa.func.count(),
        respondents=_respondents,
        promoters=_count_if(PulseResponse.score >= 9),
        detractors=_count_if(PulseResponse.score <= 6),
    )


def participation(granularity, dialect, window, group):
    source = Source(
        lambda window: sa.outerjoin(PulseDelivery, PulseResponse, _answer_of_delivery(window)),
        PulseDelivery.team_id,
        PulseDelivery.pulse_date,
        False,
        [
            (PulseDelivery.status == "sent") | PulseResponse.id.is_not(None),
            PulseDelivery.served_team_id.is_(None),
        ],
        PulseDelivery.employee_id,
    )
    answered = sa.case((PulseResponse.id.is_not(None), PulseDelivery.employee_id))
    return source.select(
        granularity,
        dialect,
        window,
        group,
        sa.literal("participation", sa.String),
        sent=sa.func.count(sa.distinct(PulseDelivery.employee_id)),
        respondents=sa.func.count(sa.distinct(answered)),
        n=sa.func.count(),
        answered=sa.func.count(PulseResponse.id),
    )


def csat(granularity, dialect, window, group):
    source = Source(
        lambda window: Rating, Rating.team_id, Rating.rated_at, True, [Rating.kind == "csat"], summed=True
    )
    return source.select(
        granularity,
        dialect,
        window,
        group,
        sa.literal("csat", sa.String),
        n=sa.func.count(),
        total=sa.func.sum(Rating.score),
        promoters=_count_if(Rating.satisfied.is_(True)),
    )


def nps(granularity, dialect, window, group):
    source = Source(
        lambda window: Rating, Rating.team_id, Rating.rated_at, True, [Rating.kind == "nps"], summed=True
    )
    return source.select(
        granularity,
        dialect,
        window,
        group,
        sa.literal("nps", sa.String),
        n=sa.func.count(),
        promoters=_count_if(Rating.score >= 90),
        detractors=_count_if(Rating.score <= 60),
    )


def fcr(granularity, dialect, window, group):
    ticket = TicketOutcome
    source = Source(lambda window: ticket, ticket.team_id, ticket.solved_at, True, summed=True)
    return source.select(
        granularity,
        dialect,
        window,
        group,
        sa.literal("fcr", sa.String),
        n=sa.func.count(),
        promoters=_count_if(ticket.first_contact_resolved.is_(True)),
    )


def kudos_given(granularity, dialect, window, group):
    source = Source(lambda window: Kudos, Kudos.giver_team_id, Kudos.created_at, True, summed=True)
    return source.select(
        granularity,
        dialect,
        window,
        group,
        sa.literal("kudos_given", sa.String),
        n=sa.func.count(),
    )


def kudos_received(granularity, dialect, window, group):
    source = Source(
        lambda window: sa.join(KudosRecipient, Kudos, Kudos.id == KudosRecipient.kudos_id),
        KudosRecipient.team_id,
        Kudos.created_at,
        True,
        summed=True,
    )
    return source.select(
        granularity,
        dialect,
        window,
        group,
        sa.literal("kudos_received", sa.String),
        n=sa.func.count(),
    )


class Rollup(NamedTuple):
    """One metric's query, its rows in team_period_stat, and the kinds of change that make them stale;
    sliced: the organisation's rows are the sums of OrgSliceStat's (metrics counting distinct people).
    A metric not sliced is counts and sums of rows (its query's Source is summed): its week and month rows
    are the sums of its day rows."""

    query: Callable[..., sa.Select]
    metric: str  # ends with ":" for a family of metrics (driver:<name>)
    changes: frozenset[str]
    sliced: bool = False


ANSWERS, DELIVERIES, RATINGS, TICKETS, KUDOS = "answers", "deliveries", "ratings", "tickets", "kudos"
ROLLUPS: list[Rollup] = [
    Rollup(engagement, "engagement", frozenset({ANSWERS}), sliced=True),
    Rollup(drivers, "driver:", frozenset({ANSWERS}), sliced=True),
    Rollup(enps, "enps", frozenset({ANSWERS}), sliced=True),
    Rollup(participation, "participation", frozenset({ANSWERS, DELIVERIES}), sliced=True),
    Rollup(csat, "csat", frozenset({RATINGS})),
    Rollup(nps, "nps", frozenset({RATINGS})),
    Rollup(fcr, "fcr", frozenset({TICKETS})),
    Rollup(kudos_given, "kudos_given", frozenset({KUDOS})),
    Rollup(kudos_received, "kudos_received", frozenset({KUDOS})),
]
