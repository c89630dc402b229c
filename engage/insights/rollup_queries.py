"""The GROUP BY queries behind the rollups, written once for SQLite and PostgreSQL."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql import visitors
from sqlalchemy.sql.util import find_tables

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

    from_ gives the FROM clause for a window (None: all time); lookup, a small table joined to those rows
    (table, ON clause); employee_col, the person a row is of (for rollups kept per slice of the people).
    """

    def __init__(
        self, from_, team_col, date_col, is_timestamp: bool, where=(), employee_col=None, lookup=None
    ):
        self.from_, self.team_col, self.date_col = from_, team_col, date_col
        self.is_timestamp, self.where, self.employee_col = is_timestamp, list(where), employee_col
        self.lookup = lookup

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
        columns = [
            scope,
            sa.literal(granularity, sa.String),
            period,
            metric,
            *[filled[name].label(name) for name in STAT_VALUES],
        ]
        keys = ([] if group.by == ORG else [scope]) + [period, *extra_group]
        conditions = [*self.where, *self._within(window)]
        if (
            dialect == "postgresql"
            and self.employee_col is not None
            and group.ids is not None
            and window is not None
            and window.delivery_ids is not None  # else none to read
        ):
            return self._by_key(window, group, columns, keys, conditions)
        rows = self.from_(window)
        if self.lookup is not None:
            rows = rows.join(*self.lookup)
        if group.by == TEAMS:
            rows = sa.join(rows, TeamClosure, TeamClosure.descendant_id == self.team_col)
            if group.ids is not None:
                conditions.append(TeamClosure.ancestor_id.in_(sorted(group.ids)))
        if group.by == SLICES and group.ids is not None:
            conditions.append(_in_slices(self.employee_col, group.ids))
        return sa.select(*columns).select_from(rows).where(*conditions).group_by(*keys)

    def _within(self, window: Window | None) -> list[sa.ColumnElement[bool]]:
        if window is None:
            return []
        low, high = window.start, window.end
        if self.is_timestamp:
            low, high = datetime.combine(low, time()), datetime.combine(high, time())
        return [self.date_col >= low, self.date_col < high]

    def _by_key(self, window: Window, group: Group, columns: list, keys: list, conditions: list) -> sa.Select:
        """The query reading each team's or person's rows of the window on its own, by index (a lateral
        look-up per key): planned as one join, PostgreSQL reads every row of the window instead, as they
        lie together on disk. The lookup table is joined to what the look-ups found, where it is hashed."""
        if group.by == TEAMS:
            ids: Any = TeamClosure
            key, column = TeamClosure.descendant_id, self.team_col
            conditions = [*conditions, TeamClosure.ancestor_id.in_(sorted(group.ids or ()))]
        else:
            first = [s * SLICE_PEOPLE for s in sorted(group.ids or ())]
            people = [e for low in first for e in range(low, low + SLICE_PEOPLE)]
            ids = sa.func.unnest(sa.literal(people, postgresql.ARRAY(sa.Integer)))
            ids = ids.table_valued("id").render_derived("person")
            key, column = ids.c.id, self.employee_col
        rows = self.from_(window)
        tables = set(find_tables(rows))
        inside: list[sa.ColumnElement[bool]] = []
        outside: list[sa.ColumnElement[bool]] = []
        for condition in conditions:
            of_rows = set(find_tables(condition, check_columns=True)) <= tables
            (inside if of_rows else outside).append(condition)
        query = sa.select(*columns).where(*outside).group_by(*keys)
        on = [] if self.lookup is None else [self.lookup[1]]
        read = {
            e
            for clause in [query, *on]
            for e in visitors.iterate(clause)
            if isinstance(e, sa.Column) and e.table in tables
        }
        read_in_order = sorted(read, key=lambda column: (column.table.name, column.name))
        found = (
            sa.select(*read_in_order)
            .select_from(rows)
            .where(column == key, *inside)
            .correlate(ids)
            .offset(0)
            .lateral("keyed")
        )
        found_as = dict(zip(read_in_order, found.c, strict=True))
        from_ = sa.join(ids, found, sa.true())
        if self.lookup is not None:
            from_ = from_.join(self.lookup[0], _replaced(self.lookup[1], found_as))
        return _replaced(query, found_as).select_from(from_)


def _replaced(clause, columns: dict):
    """The clause with these columns replaced by others."""
    no_options: dict[str, Any] = {}
    return visitors.replacement_traverse(clause, no_options, lambda element, **_: columns.get(element))


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


def _answers(where) -> _Source:
    return _Source(
        lambda window: sa.join(PulseResponse, PulseDelivery, _answer_of_delivery(window)),
        PulseResponse.team_id,
        PulseDelivery.pulse_date,
        False,
        where,
        PulseResponse.employee_id,
        (Question, Question.id == PulseResponse.question_id),
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
