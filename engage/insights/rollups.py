"""Incremental rollups (team_period_stat) that the dashboard reads instead of raw rows.

`refresh()` finds, for each kind of raw row, the days and teams written or changed since a
watermark (answers by updated_at, deliveries by created_at/sent_at, ratings and ticket outcomes by
imported_at, kudos by created_at; see changes.py), and recomputes each metric, for each granularity,
only in the periods holding the days its own kind of row changed in, for those teams, their ancestor
teams and the organisation: one GROUP BY per metric, straight from the raw rows of those periods, so distinct
respondents per week or month are exact. A changed team tree rebuilds everything.
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
from engage.insights.rollup_queries import ROLLUPS, STAT_VALUES, Rollup, Window, with_delivery_ids
from engage.models import Setting, TeamClosure, TeamPeriodStat
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
    return sum(
        _insert(rollup, granularity, window=None, team_ids=None)
        for granularity in GRANULARITIES
        for rollup in ROLLUPS
    )


def _refresh_since(since: datetime, marks: Changes) -> dict[str, int]:
    """Recompute, metric by metric, only the periods and teams its own kind of rows changed in."""
    changes = changed_since(since)
    for kind, pairs in marks.items():
        changes.setdefault(kind, set()).update(pairs)
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
                window = bounded(window)
                _delete(rollup, granularity, window, team_ids)
                rows += _insert(rollup, granularity, window, team_ids)
    log.info("rollups refreshed since %s: %s periods, %s rows", since, len(periods), rows)
    return {"periods": len(periods), "rows": rows}


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


def _delete(rollup: Rollup, granularity: str, window: Window, team_ids: set[int]) -> None:
    stat = TeamPeriodStat
    family = rollup.metric.endswith(":")
    metric = stat.metric.startswith(rollup.metric) if family else stat.metric == rollup.metric
    db.session.execute(
        sa.delete(stat).where(
            stat.granularity == granularity,
            stat.period_start >= window.start,
            stat.period_start < window.end,
            stat.team_id.is_(None) | stat.team_id.in_(sorted(team_ids)),
            metric,
        )
    )


def _insert(rollup: Rollup, granularity: str, window: Window | None, team_ids: set[int] | None) -> int:
    """Insert one metric's rollups of one granularity: the organisation, the teams in team_ids (None: all)."""
    columns = ["team_id", "granularity", "period_start", "metric", *STAT_VALUES]
    dialect = db.engine.dialect.name
    inserted = 0
    for by_team in (False, True):
        if by_team and team_ids is not None and not team_ids:
            continue
        query = rollup.query(granularity, dialect, window, by_team, team_ids)
        insert = sa.insert(TeamPeriodStat).from_select(columns, query)
        result = db.session.execute(insert, execution_options={"preserve_rowcount": True})
        inserted += cast(CursorResult, result).rowcount
    return inserted
