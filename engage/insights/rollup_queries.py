"""The GROUP BY queries behind the rollups, written once for SQLite and PostgreSQL."""

from collections.abc import Callable
from datetime import date, datetime, time
from typing import NamedTuple

import sqlalchemy as sa

from engage.extensions import db
from engage.models import (
    Kudos,
    KudosRecipient,
    PulseDelivery,
    PulseResponse,
    Question,
    Rating,
    TeamClosure,
    TicketOutcome,
)
from engage.models.pulses import INTERNAL_SERVICE


class Window(NamedTuple):
    """Half-open range of days [start, end); delivery_ids: the lowest and highest id of its deliveries."""

    start: date
    end: date
    delivery_ids: tuple[int, int] | None = None


def with_delivery_ids(window: Window) -> Window:
    """The window with the id range of its deliveries, which lets its answers be read by index."""
    # "+ 0": otherwise PostgreSQL looks for min(id) by walking the primary key from the first delivery.
    first, last = db.session.execute(
        sa.select(sa.func.min(PulseDelivery.id + 0), sa.func.max(PulseDelivery.id + 0)).where(
            PulseDelivery.pulse_date >= window.start, PulseDelivery.pulse_date < window.end
        )
    ).one()
    return window._replace(delivery_ids=(first, last)) if first is not None else window


def period_expr(column, granularity: str, dialect: str):
    """The start of the day/week (Monday)/month holding a date or timestamp column, as a date."""
    if dialect == "postgresql":
        if granularity == "day":
            return sa.cast(column, sa.Date)
        truncated = sa.func.date_trunc(sa.literal_column(f"'{granularity}'"), sa.cast(column, sa.DateTime))
        return sa.cast(truncated, sa.Date)
    modifiers = {"day": [], "week": ["'weekday 0'", "'-6 days'"], "month": ["'start of month'"]}[granularity]
    return sa.func.date(column, *[sa.literal_column(m) for m in modifiers])


STAT_VALUES = ("n", "total", "respondents", "sent", "promoters", "detractors", "answered")


class _Source:
    """A raw table's rows with a team column and a date column, to aggregate per scope and period.

    from_ gives the FROM clause for a window (None: all time).
    """

    def __init__(self, from_, team_col, date_col, is_timestamp: bool, where=()):
        self.from_, self.team_col, self.date_col = from_, team_col, date_col
        self.is_timestamp, self.where = is_timestamp, list(where)

    def select(self, granularity, dialect, window, by_team, team_ids, metric, extra_group=(), **values):
        period = period_expr(self.date_col, granularity, dialect)
        scope = TeamClosure.ancestor_id if by_team else sa.cast(sa.null(), sa.Integer)
        filled = {name: sa.literal_column("0") for name in STAT_VALUES} | values
        query = (
            sa.select(
                scope,
                sa.literal(granularity, sa.String),
                period,
                metric,
                *[filled[name].label(name) for name in STAT_VALUES],
            )
            .select_from(self.from_(window))
            .where(*self.where)
        )
        if by_team:
            query = query.join(TeamClosure, TeamClosure.descendant_id == self.team_col)
            if team_ids is not None:
                query = query.where(TeamClosure.ancestor_id.in_(sorted(team_ids)))
        if window is not None:
            low, high = window.start, window.end
            if self.is_timestamp:
                low, high = datetime.combine(low, time()), datetime.combine(high, time())
            query = query.where(self.date_col >= low, self.date_col < high)
        group = ([TeamClosure.ancestor_id] if by_team else []) + [period, *extra_group]
        return query.group_by(*group)


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


def _answers_from(window: Window | None):
    return sa.join(PulseResponse, PulseDelivery, _answer_of_delivery(window)).join(
        Question, Question.id == PulseResponse.question_id
    )


_answers = _Source(_answers_from, PulseResponse.team_id, PulseDelivery.pulse_date, False)
# Internal service ratings are about the team rated, not the rater's own: no part of their engagement.
_likert = [Question.scale == "likert5", Question.driver.not_in(("enps", INTERNAL_SERVICE))]
_score_100 = (PulseResponse.score - 1) * 25.0
_respondents = sa.func.count(sa.distinct(PulseResponse.employee_id))


def engagement(granularity, dialect, window, by_team, team_ids):
    source = _Source(_answers.from_, _answers.team_col, _answers.date_col, False, _likert)
    return source.select(
        granularity,
        dialect,
        window,
        by_team,
        team_ids,
        sa.literal("engagement", sa.String),
        n=sa.func.count(),
        total=sa.func.sum(_score_100),
        respondents=_respondents,
    )


def drivers(granularity, dialect, window, by_team, team_ids):
    source = _Source(_answers.from_, _answers.team_col, _answers.date_col, False, _likert)
    return source.select(
        granularity,
        dialect,
        window,
        by_team,
        team_ids,
        sa.literal("driver:", sa.String) + Question.driver,
        extra_group=[Question.driver],
        n=sa.func.count(),
        total=sa.func.sum(_score_100),
        respondents=_respondents,
    )


def enps(granularity, dialect, window, by_team, team_ids):
    source = _Source(_answers.from_, _answers.team_col, _answers.date_col, False, [Question.driver == "enps"])
    return source.select(
        granularity,
        dialect,
        window,
        by_team,
        team_ids,
        sa.literal("enps", sa.String),
        n=sa.func.count(),
        respondents=_respondents,
        promoters=_count_if(PulseResponse.score >= 9),
        detractors=_count_if(PulseResponse.score <= 6),
    )


def participation(granularity, dialect, window, by_team, team_ids):
    source = _Source(
        lambda window: sa.outerjoin(PulseDelivery, PulseResponse, _answer_of_delivery(window)),
        PulseDelivery.team_id,
        PulseDelivery.pulse_date,
        False,
        [
            (PulseDelivery.status == "sent") | PulseResponse.id.is_not(None),
            PulseDelivery.served_team_id.is_(None),
        ],
    )
    answered = sa.case((PulseResponse.id.is_not(None), PulseDelivery.employee_id))
    return source.select(
        granularity,
        dialect,
        window,
        by_team,
        team_ids,
        sa.literal("participation", sa.String),
        sent=sa.func.count(sa.distinct(PulseDelivery.employee_id)),
        respondents=sa.func.count(sa.distinct(answered)),
        n=sa.func.count(),
        answered=sa.func.count(PulseResponse.id),
    )


def csat(granularity, dialect, window, by_team, team_ids):
    source = _Source(lambda window: Rating, Rating.team_id, Rating.rated_at, True, [Rating.kind == "csat"])
    return source.select(
        granularity,
        dialect,
        window,
        by_team,
        team_ids,
        sa.literal("csat", sa.String),
        n=sa.func.count(),
        total=sa.func.sum(Rating.score),
        promoters=_count_if(Rating.satisfied.is_(True)),
    )


def nps(granularity, dialect, window, by_team, team_ids):
    source = _Source(lambda window: Rating, Rating.team_id, Rating.rated_at, True, [Rating.kind == "nps"])
    return source.select(
        granularity,
        dialect,
        window,
        by_team,
        team_ids,
        sa.literal("nps", sa.String),
        n=sa.func.count(),
        promoters=_count_if(Rating.score >= 90),
        detractors=_count_if(Rating.score <= 60),
    )


def fcr(granularity, dialect, window, by_team, team_ids):
    ticket = TicketOutcome
    source = _Source(lambda window: ticket, ticket.team_id, ticket.solved_at, True)
    return source.select(
        granularity,
        dialect,
        window,
        by_team,
        team_ids,
        sa.literal("fcr", sa.String),
        n=sa.func.count(),
        promoters=_count_if(ticket.first_contact_resolved.is_(True)),
    )


def kudos_given(granularity, dialect, window, by_team, team_ids):
    source = _Source(lambda window: Kudos, Kudos.giver_team_id, Kudos.created_at, True)
    return source.select(
        granularity,
        dialect,
        window,
        by_team,
        team_ids,
        sa.literal("kudos_given", sa.String),
        n=sa.func.count(),
    )


def kudos_received(granularity, dialect, window, by_team, team_ids):
    source = _Source(
        lambda window: sa.join(KudosRecipient, Kudos, Kudos.id == KudosRecipient.kudos_id),
        KudosRecipient.team_id,
        Kudos.created_at,
        True,
    )
    return source.select(
        granularity,
        dialect,
        window,
        by_team,
        team_ids,
        sa.literal("kudos_received", sa.String),
        n=sa.func.count(),
    )


class Rollup(NamedTuple):
    """One metric's query, its rows in team_period_stat, and the kinds of change that make them stale."""

    query: Callable[..., sa.Select]
    metric: str  # ends with ":" for a family of metrics (driver:<name>)
    changes: frozenset[str]


ANSWERS, DELIVERIES, RATINGS, TICKETS, KUDOS = "answers", "deliveries", "ratings", "tickets", "kudos"
ROLLUPS: list[Rollup] = [
    Rollup(engagement, "engagement", frozenset({ANSWERS})),
    Rollup(drivers, "driver:", frozenset({ANSWERS})),
    Rollup(enps, "enps", frozenset({ANSWERS})),
    Rollup(participation, "participation", frozenset({ANSWERS, DELIVERIES})),
    Rollup(csat, "csat", frozenset({RATINGS})),
    Rollup(nps, "nps", frozenset({RATINGS})),
    Rollup(fcr, "fcr", frozenset({TICKETS})),
    Rollup(kudos_given, "kudos_given", frozenset({KUDOS})),
    Rollup(kudos_received, "kudos_received", frozenset({KUDOS})),
]
