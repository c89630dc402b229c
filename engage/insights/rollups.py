"""Incremental rollups (team_period_stat) that the dashboard reads instead of raw rows.

`refresh()` finds, for each kind of raw row, the days and teams written or changed since a
watermark (answers by updated_at, deliveries by created_at/sent_at, ratings and ticket outcomes by
imported_at, kudos by created_at; see changes.py), and recomputes each metric, for each granularity,
only in the periods holding the days its own kind of row changed in, for those teams, their ancestor
teams and the organisation: one GROUP BY per metric, straight from the raw rows of those periods, so distinct
respondents per week or month are exact. The organisation's answer metrics are the sums of their rows per
slice of the people (OrgSliceStat), of which only the slices of the people whose rows changed are
recomputed. The metrics that are counts and sums of rows (ratings, tickets, kudos) read their raw rows
once, for the day rows of the teams and the organisation; their weeks and months are the sums of those
days. A changed team tree rebuilds everything.
"""

import functools
import logging
from datetime import date, datetime, timedelta
from typing import cast

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult

from engage.analytics.periods import GRANULARITIES, next_period, period_start
from engage.extensions import db
from engage.insights.changes import Changes, changed_since, forget_marks, marked_stale
from engage.insights.closure import sync_closure
from engage.insights.rollup_queries import ROLLUPS, Rollup, with_delivery_ids
from engage.insights.rollup_source import SLICES, STAT_VALUES, TEAMS, Group, Window, period_expr
from engage.models import OrgSliceStat, Setting, SharedFigures, TeamClosure, TeamPeriodStat
from engage.models.base import utcnow

log = logging.getLogger(__name__)

WATERMARK_KEY = "insights.rollups.watermark"
VERSION_KEY = "insights.rollups.version"  # rewritten only when a refresh recomputed something
OVERLAP = timedelta(minutes=10)
ADVISORY_LOCK_ID = 72_410_001
MERGE_GAP = 3


def refresh(since: datetime | None = None, full: bool = False) -> dict[str, int]:
    """Recompute the (team, period) rollups touched since `since` (default: the stored watermark).

    full=True (or no watermark yet, or teams moved or deleted) rebuilds everything. Commits; returns
    counts: periods recomputed (-1 after a full rebuild) and rollup rows they now hold.
    """
    started = utcnow()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.select(sa.func.pg_advisory_xact_lock(ADVISORY_LOCK_ID)))
    stored = _watermark()
    tree_changed = sync_closure()  # teams moved or deleted
    marks, mark_ids = marked_stale()
    if full or stored is None or tree_changed:
        rows = _rebuild_all()
        counts = {"periods": -1, "rows": rows}
        log.info("rollups rebuilt: %s rows (full=%s, tree changed=%s)", rows, full, tree_changed)
    else:
        counts = _refresh_since(since or stored, marks)
    forget_marks(mark_ids)
    if since is None or stored is None or since <= stored or full or tree_changed:
        _store(WATERMARK_KEY, (started - OVERLAP).isoformat())
    if counts["periods"]:
        _store(VERSION_KEY, started.isoformat())
        # Shared figures of the old version go with it (an erased comment must not outlive the refresh).
        db.session.execute(sa.delete(SharedFigures))
    db.session.commit()
    return counts


def current_version() -> str | None:
    """Changes whenever refresh() writes rollups; read before the rollups, so figures are never older."""
    value = db.session.get(Setting, VERSION_KEY)
    return value.value if value else None


def _watermark() -> datetime | None:
    value = db.session.get(Setting, WATERMARK_KEY)
    return datetime.fromisoformat(value.value) if value else None


def _store(key: str, value: str) -> None:
    setting = db.session.get(Setting, key) or Setting(key=key)
    setting.value = value
    db.session.add(setting)


def _rebuild_all() -> int:
    db.session.execute(sa.delete(TeamPeriodStat))
    db.session.execute(sa.delete(OrgSliceStat))
    return sum(
        _recompute(rollup, granularity, None, team_ids=None, slice_ids={None})
        for granularity in GRANULARITIES
        for rollup in ROLLUPS
    )


def _refresh_since(since: datetime, marks: Changes) -> dict[str, int]:
    """Recompute, metric by metric, only the periods, teams and slices of people its own kind of rows
    changed in."""
    if db.engine.dialect.name == "postgresql":
        # Each statement reads a few keys' rows by index: compiling it (JIT, when the planner expects many
        # rows) would take longer than running it.
        db.session.execute(sa.text("SET LOCAL jit = off"))
    changes, slices = changed_since(since)
    for kind, pairs in marks.items():
        changes.setdefault(kind, set()).update(pairs)
        if kind in slices:  # a mark names no person: every slice of its day
            slices[kind].update((day, None) for day, _ in pairs)
    if not any(changes.values()):
        return {"periods": 0, "rows": 0}
    ancestors = _ancestors({team for pairs in changes.values() for _, team in pairs if team is not None})
    periods: set[tuple[str, date]] = set()
    bounded = functools.cache(with_delivery_ids)  # each window's delivery ids, looked up once per refresh
    rows = 0
    for granularity in GRANULARITIES:
        for rollup in ROLLUPS:
            scopes: dict[date, set[int]] = {}
            for kind in rollup.changes:
                for day, team in changes[kind]:
                    scopes.setdefault(period_start(day, granularity), set()).update(
                        () if team is None else ancestors.get(team, ())
                    )
            periods.update((granularity, start) for start in scopes)
            for window, team_ids in _runs(scopes, granularity):
                slice_ids = {
                    part
                    for kind in rollup.changes & slices.keys()
                    for day, part in slices[kind]
                    if window.start <= day < window.end
                }
                rows += _recompute(rollup, granularity, bounded(window), team_ids, slice_ids)
    log.info("rollups refreshed since %s: %s periods, %s rows", since, len(periods), rows)
    return {"periods": len(periods), "rows": rows}


def _recompute(
    rollup: Rollup,
    granularity: str,
    window: Window | None,
    team_ids: set[int] | None,
    slice_ids: set[int | None],
) -> int:
    """One metric's rows of the window (None: all time) for these teams (None: all) and the organisation;
    a sliced metric's organisation rows are added up from its slices after those of slice_ids (None in
    it: every slice) are recomputed. Returns the rows written to team_period_stat."""
    stat, part = TeamPeriodStat, OrgSliceStat
    ids = None if None in slice_ids else {s for s in slice_ids if s is not None}
    org_too = not rollup.sliced or bool(slice_ids)  # a sliced metric's organisation rows: if a slice changed
    if window is not None:
        teams = stat.team_id.in_(sorted(team_ids or ()))
        _delete(stat, rollup, granularity, window, (stat.team_id.is_(None) | teams) if org_too else teams)
    if not rollup.sliced and granularity != GRANULARITIES[0]:
        return _insert_from_days(rollup, granularity, window, team_ids)
    if not rollup.sliced:
        return _insert(stat, rollup, granularity, window, Group(TEAMS, team_ids))  # and the organisation
    rows = _insert(stat, rollup, granularity, window, Group(TEAMS, team_ids)) if team_ids != set() else 0
    if not org_too:
        return rows
    if window is not None:
        _delete(part, rollup, granularity, window, sa.true() if ids is None else part.slice.in_(sorted(ids)))
    _insert(part, rollup, granularity, window, Group(SLICES, ids))
    return rows + _insert_org_from_slices(rollup, granularity, window)


def _ancestors(teams: set[int]) -> dict[int, set[int]]:
    """Each team's ancestors, itself included: the scopes whose figures its rows count in."""
    found: dict[int, set[int]] = {}
    pairs = sa.select(TeamClosure.descendant_id, TeamClosure.ancestor_id).where(
        TeamClosure.descendant_id.in_(sorted(teams))
    )
    for team, ancestor in db.session.execute(pairs) if teams else ():
        found.setdefault(team, set()).add(ancestor)
    return found


def _runs(scopes: dict[date, set[int]], granularity: str) -> list[tuple[Window, set[int]]]:
    """Period starts merged into half-open windows [first, after last) with the union of their teams;
    gaps of up to MERGE_GAP periods are recomputed too, which costs less than one more query per metric."""
    runs: list[tuple[Window, set[int]]] = []
    for start in sorted(scopes):
        end = next_period(start, granularity)
        if runs and _periods_between(runs[-1][0].end, start, granularity) <= MERGE_GAP:
            window, team_ids = runs[-1]
            runs[-1] = (Window(window.start, end), team_ids | scopes[start])
        else:
            runs.append((Window(start, end), set(scopes[start])))
    return runs


def _periods_between(end: date, start: date, granularity: str) -> int:
    count = 0
    while end < start and count <= MERGE_GAP:
        end = next_period(end, granularity)
        count += 1
    return count


def _metric_is(table: type[TeamPeriodStat] | type[OrgSliceStat], rollup: Rollup) -> sa.ColumnElement[bool]:
    family = rollup.metric.endswith(":")
    return table.metric.startswith(rollup.metric) if family else table.metric == rollup.metric


def _delete(
    table: type[TeamPeriodStat] | type[OrgSliceStat],
    rollup: Rollup,
    granularity: str,
    window: Window,
    rows: sa.ColumnElement[bool],
) -> None:
    db.session.execute(
        sa.delete(table).where(
            table.granularity == granularity,
            table.period_start >= window.start,
            table.period_start < window.end,
            _metric_is(table, rollup),
            rows,
        )
    )


def _insert(
    table: type[TeamPeriodStat] | type[OrgSliceStat],
    rollup: Rollup,
    granularity: str,
    window: Window | None,
    group: Group,
) -> int:
    """Insert one metric's rollups of one granularity per the group (into OrgSliceStat: per slice)."""
    return _written(table, rollup.query(granularity, db.engine.dialect.name, window, group))


def _insert_from_days(
    rollup: Rollup, granularity: str, window: Window | None, team_ids: set[int] | None
) -> int:
    """A summed metric's week or month rows for these teams (None: all) and the organisation: the sums
    of its day rows, written first, rather than a second and third read of the raw rows."""
    stat = TeamPeriodStat
    period = period_expr(stat.period_start, granularity, db.engine.dialect.name)
    query = _sums(stat, GRANULARITIES[0], rollup, window, stat.team_id, granularity, period)
    if window is not None:  # the teams and the organisation (0)
        query = query.where(sa.func.coalesce(stat.team_id, 0).in_([0, *sorted(team_ids or ())]))
    return _written(stat, query)


def _insert_org_from_slices(rollup: Rollup, granularity: str, window: Window | None) -> int:
    """The organisation's rows of a sliced metric: the sums of its slices' rows."""
    slices = _sums(OrgSliceStat, granularity, rollup, window, None, granularity, OrgSliceStat.period_start)
    return _written(TeamPeriodStat, slices)


def _sums(
    table: type[TeamPeriodStat] | type[OrgSliceStat],
    of: str,
    rollup: Rollup,
    window: Window | None,
    scope,
    granularity: str,
    period,
) -> sa.Select:
    """The sums of one metric's rows of granularity `of` in the window, per scope (None: the organisation)
    and period, as rows of `granularity`."""
    keys = [period, table.metric] if scope is None else [scope, period, table.metric]
    query = (
        sa.select(
            sa.cast(sa.null(), sa.Integer) if scope is None else scope,
            sa.literal(granularity, sa.String),
            period,
            table.metric,
            *[sa.func.sum(getattr(table, name)) for name in STAT_VALUES],
        )
        .where(table.granularity == of, _metric_is(table, rollup))
        .group_by(*keys)
    )
    if window is not None:
        query = query.where(table.period_start >= window.start, table.period_start < window.end)
    return query


def _written(table: type[TeamPeriodStat] | type[OrgSliceStat], query: sa.Select | sa.CompoundSelect) -> int:
    """Insert the query's rows (scope, granularity, period start, metric, STAT_VALUES); return how many."""
    key = "slice" if table is OrgSliceStat else "team_id"
    columns = [key, "granularity", "period_start", "metric", *STAT_VALUES]
    insert = sa.insert(table).from_select(columns, query)
    result = db.session.execute(insert, execution_options={"preserve_rowcount": True})
    return cast(CursorResult, result).rowcount
