"""What every rollup query is made of: a window of days, a group (teams or slices of the people) and a
source of raw rows aggregated per scope of the group and period."""

from datetime import date, datetime, time
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql import visitors
from sqlalchemy.sql.util import find_tables

from engage.models import TeamClosure


class Window(NamedTuple):
    """Half-open range of days [start, end); delivery_ids: the lowest and highest id of its deliveries."""

    start: date
    end: date
    delivery_ids: tuple[int, int] | None = None


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
TEAMS, SLICES = "teams", "slices"


class Group(NamedTuple):
    """What a rollup's rows are per: each team with its sub-teams (TEAMS) or each slice of the people
    (SLICES); ids: only these teams or slices (None: all)."""

    by: str
    ids: set[int] | None = None


def slice_of(employee_id: int) -> int:
    return employee_id // SLICE_PEOPLE


def _people_of(slices: set[int]) -> list[range]:
    """The employee ids of each slice."""
    return [range(s * SLICE_PEOPLE, (s + 1) * SLICE_PEOPLE) for s in sorted(slices)]


def _in_slices(employee, slices: set[int]) -> sa.ColumnElement[bool]:
    """The slices' people, as ranges of ids that an index on the employee column answers."""
    return sa.or_(*[employee.between(people.start, people.stop - 1) for people in _people_of(slices)])


class Source:
    """A raw table's rows with a team column and a date column, to aggregate per scope and period.

    from_ gives the FROM clause for a window (None: all time); lookup, a small table joined to those rows
    (table, its key, the rows' column holding it); employee_col, the person a row is of (for rollups kept
    per slice of the people); summed: every value is a count or sum of rows (no distinct people), so a
    team's figures are the sums of its own and its sub-teams' and are added up per team first, and the
    organisation's rows come with the teams' from the same read.
    """

    def __init__(
        self,
        from_,
        team_col,
        date_col,
        is_timestamp: bool,
        where=(),
        employee_col=None,
        lookup=None,
        summed: bool = False,
    ):
        self.from_, self.team_col, self.date_col = from_, team_col, date_col
        self.is_timestamp, self.where, self.employee_col = is_timestamp, list(where), employee_col
        self.lookup, self.summed = lookup, summed

    def select(self, granularity, dialect, window, group: Group, metric, extra_group=(), **values):
        period = period_expr(self.date_col, granularity, dialect)
        scope = TeamClosure.ancestor_id if group.by == TEAMS else self.employee_col // SLICE_PEOPLE
        filled = {name: sa.literal_column("0") for name in STAT_VALUES} | values
        columns = [
            scope,
            sa.literal(granularity, sa.String),
            period,
            metric,
            *[filled[name].label(name) for name in STAT_VALUES],
        ]
        keys = [scope, period, *extra_group]
        conditions = [*self.where, *self._within(window)]
        if (
            dialect == "postgresql"
            and self.employee_col is not None
            and group.ids is not None
            and window is not None
            and window.delivery_ids is not None  # else the window holds no delivery: none to read
        ):
            return self._by_key(window, group, columns, keys, conditions)
        rows = self.from_(window)
        if self.lookup is not None:
            table, key, column = self.lookup
            rows = rows.join(table, key == column)
        if self.summed:
            assert group.by == TEAMS and not extra_group, "a summed source has team rows of one metric"
            return self._per_team_first(period, columns, rows, conditions, group)
        if group.by == TEAMS:
            rows = sa.join(rows, TeamClosure, TeamClosure.descendant_id == self.team_col)
            if group.ids is not None:
                conditions.append(TeamClosure.ancestor_id.in_(sorted(group.ids)))
        if group.by == SLICES and group.ids is not None:
            conditions.append(_in_slices(self.employee_col, group.ids))
        return sa.select(*columns).select_from(rows).where(*conditions).group_by(*keys)

    def _per_team_first(
        self, period, columns: list, rows, conditions: list, group: Group
    ) -> sa.CompoundSelect:
        """Summed figures per team and period (the cells), then per team with its sub-teams and for the
        organisation: each row is read once and joined to the team tree once per team and period
        rather than once per row (a month's 180,000 ratings at 3M)."""
        _, granularity, _, metric, *values = columns
        cells = (
            sa.select(self.team_col.label("team_id"), period.label("period"), *values)
            .select_from(rows)
            .where(*conditions)
            .group_by(self.team_col, period)
            .cte("cells")
        )
        sums = [sa.func.sum(cells.c[name]).label(name) for name in STAT_VALUES]
        teams = (
            sa.select(TeamClosure.ancestor_id, granularity, cells.c.period, metric, *sums)
            .select_from(sa.join(cells, TeamClosure, TeamClosure.descendant_id == cells.c.team_id))
            .group_by(TeamClosure.ancestor_id, cells.c.period)
        )
        if group.ids is not None:
            teams = teams.where(TeamClosure.ancestor_id.in_(sorted(group.ids)))
        org = sa.select(sa.cast(sa.null(), sa.Integer), granularity, cells.c.period, metric, *sums)
        return sa.union_all(teams, org.group_by(cells.c.period))

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
        lie together on disk."""
        query = sa.select(*columns).group_by(*keys)
        if group.by == TEAMS:
            ids: Any = TeamClosure
            key, column = TeamClosure.descendant_id, self.team_col
            query = query.where(TeamClosure.ancestor_id.in_(sorted(group.ids or ())))
        else:
            people = [e for ids_of_slice in _people_of(group.ids or set()) for e in ids_of_slice]
            ids = sa.func.unnest(sa.literal(people, postgresql.ARRAY(sa.Integer)))
            ids = ids.table_valued("id").render_derived("person")
            key, column = ids.c.id, self.employee_col
        rows = self.from_(window)
        if self.lookup is not None:
            table, table_key, holder = self.lookup
            # "+ 0": each row's lookup by its key; PostgreSQL would otherwise intersect the key's rows with
            # every row holding one lookup (a bitmap of the 70,000 answers to one question at 3M answers).
            rows = rows.join(table, table_key == holder + 0)
        tables = set(find_tables(rows))
        read = sorted(
            {e for e in visitors.iterate(query) if isinstance(e, sa.Column) and e.table in tables},
            key=lambda column: (column.table.name, column.name),
        )
        found = (
            sa.select(*read)
            .select_from(rows)
            .where(column == key, *conditions)
            .correlate(ids)
            .offset(0)
            .lateral("keyed")
        )
        found_as = dict(zip(read, found.c, strict=True))
        return _replaced(query, found_as).select_from(sa.join(ids, found, sa.true()))


def _replaced(clause, columns: dict):
    """The clause with these columns replaced by others."""
    no_options: dict[str, Any] = {}
    return visitors.replacement_traverse(clause, no_options, lambda element, **_: columns.get(element))
