"""The GROUP BY queries behind the rollups, written once for SQLite and PostgreSQL."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

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
SLICE_PEOPLE = 50  # people (by employee id) in one slice of the organisation: see OrgSliceStat
ORG, TEAMS, SLICES = "org", "teams", "slices"


class Group(NamedTuple):
    """What a rollup's rows are per: the organisation (ORG), each team with its sub-teams (TEAMS) or each
    slice of the people (SLICES); ids: only these teams or slices (None: all)."""

    by: str
    ids: set[int] | None = None


def slice_of(employee_id: int) -> int:
    return employee_id // SLICE_PEOPLE


def _in_slices(employee, slices: set[int]) -> sa.ColumnElement[bool]:
    """The slices' people, as ranges of ids that an index on the employee column answers."""
    first = [s * SLICE_PEOPLE for s in sorted(slices)]
    return sa.or_(*[employee.between(low, low + SLICE_PEOPLE - 1) for low in first])


class _Source:
    """A raw table's rows with a team column and a date column, to aggregate per scope and period.

    from_ gives the FROM clause for a window (None: all time); employee_col, the person a row is of (for
    rollups kept per slice of the people).
    """

    def __init__(self, from_, team_col, date_col, is_timestamp: bool, where=(), employee_col=None):
        self.from_, self.team_col, self.date_col = from_, team_col, date_col
        self.is_timestamp, self.where, self.employee_col = is_timestamp, list(where), employee_col

    def select(self, granularity, dialect, window, group: Group, metric, extra_group=(), **values):
        period = period_expr(self.date_col, granularity, dialect)
        scope: Any  # a column, or an expression of one
        if group.by == TEAMS:
            scope = TeamClosure.ancestor_id
        elif group.by == SLICES:
            scope = self.employee_col // SLICE_PEOPLE
        else:
            scope = sa.cast(sa.null(), sa.Integer)
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
        if group.by == TEAMS:
            query = query.join(TeamClosure, TeamClosure.descendant_id == self.team_col)
            if group.ids is not None:
                query = query.where(TeamClosure.ancestor_id.in_(sorted(group.ids)))
        if group.by == SLICES and group.ids is not None:
            query = query.where(_in_slices(self.employee_col, group.ids))
        if window is not None:
            low, high = window.start, window.end
            if self.is_timestamp:
                low, high = datetime.combine(low, time()), datetime.combine(high, time())
            query = query.where(self.date_col >= low, self.date_col < high)
        keys = ([] if group.by == ORG else [scope]) + [period, *extra_group]
        return query.group_by(*keys)


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


_answers = _Source(
    _answers_from,
    PulseResponse.team_id,
    PulseDelivery.pulse_date,
    False,
    employee_col=PulseResponse.employee_id,
)
# Internal service ratings are about the team rated, not the rater's own: no part of their engagement.
_likert = [Question.scale == "likert5", Question.driver.not_in(("enps", INTERNAL_SERVICE))]
_score_100 = (PulseResponse.score - 1) * 25.0
_respondents = sa.func.count(sa.distinct(PulseResponse.employee_id))


def engagement(granularity, dialect, window, group):
    source = _Source(
        _answers.from_, _answers.team_col, _answers.date_col, False, _likert, _answers.employee_col
    )
    return source.select(
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
    source = _Source(
        _answers.from_, _answers.team_col, _answers.date_col, False, _likert, _answers.employee_col
    )
    return source.select(
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
    source = _Source(
        _answers.from_,
        _answers.team_col,
        _answers.date_col,
        False,
        [Question.driver == "enps"],
        _answers.employee_col,
    )
    return source.select(
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
    source = _Source(
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
    source = _Source(lambda window: Rating, Rating.team_id, Rating.rated_at, True, [Rating.kind == "csat"])
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
    source = _Source(lambda window: Rating, Rating.team_id, Rating.rated_at, True, [Rating.kind == "nps"])
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
    source = _Source(lambda window: ticket, ticket.team_id, ticket.solved_at, True)
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
    source = _Source(lambda window: Kudos, Kudos.giver_team_id, Kudos.created_at, True)
    return source.select(
        granularity,
        dialect,
        window,
        group,
        sa.literal("kudos_given", sa.String),
        n=sa.func.count(),
    )


def kudos_received(granularity, dialect, window, group):
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
        group,
        sa.literal("kudos_received", sa.String),
        n=sa.func.count(),
    )


class Rollup(NamedTuple):
    """One metric's query, its rows in team_period_stat, and the kinds of change that make them stale;
    sliced: the organisation's rows are the sums of OrgSliceStat's (metrics counting distinct people)."""

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
