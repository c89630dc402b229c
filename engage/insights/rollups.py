"""Incremental rollups (team_period_stat) that the dashboard reads instead of raw rows.

`refresh()` finds the days and teams touched since a watermark (answers by updated_at,
deliveries by created_at/sent_at, ratings by imported_at, kudos by created_at), and recomputes,
for each granularity, the periods holding those days for those teams, their ancestor teams and the
organisation: one GROUP BY per metric, straight from the raw rows of those periods, so distinct
respondents per week or month are exact. A changed team tree rebuilds everything.
"""
import logging
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from engage.analytics.periods import GRANULARITIES, next_period, period_start
from engage.extensions import db
from engage.insights.closure import sync_closure
from engage.insights.rollup_queries import SOURCES, Window, touched_days_and_teams
from engage.models import Setting, TeamClosure, TeamPeriodStat
from engage.models.base import utcnow

log = logging.getLogger(__name__)

WATERMARK_KEY = "insights.rollups.watermark"
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
    if full or stored is None or tree_changed:
        rows = _rebuild_all()
        counts = {"periods": -1, "rows": rows}
        log.info("rollups rebuilt: %s rows (full=%s, tree changed=%s)", rows, full, tree_changed)
    else:
        counts = _refresh_since(since or stored)
    if since is None or stored is None or since <= stored or full or tree_changed:
        _set_watermark(started - OVERLAP)
    db.session.commit()
    return counts


def _watermark() -> datetime | None:
    value = db.session.get(Setting, WATERMARK_KEY)
    return datetime.fromisoformat(value.value) if value else None


def _set_watermark(moment: datetime) -> None:
    setting = db.session.get(Setting, WATERMARK_KEY) or Setting(key=WATERMARK_KEY)
    setting.value = moment.isoformat()
    db.session.add(setting)


def _rebuild_all() -> int:
    db.session.execute(sa.delete(TeamPeriodStat))
    return sum(_insert(granularity, window=None, team_ids=None) for granularity in GRANULARITIES)


def _refresh_since(since: datetime) -> dict[str, int]:
    days, teams = touched_days_and_teams(since)
    if not days:
        return {"periods": 0, "rows": 0}
    scopes = set(db.session.scalars(
        sa.select(TeamClosure.ancestor_id).where(TeamClosure.descendant_id.in_(teams))
    )) if teams else set()
    periods = rows = 0
    for granularity in GRANULARITIES:
        starts = sorted({period_start(day, granularity) for day in days})
        periods += len(starts)
        for window in _runs(starts, granularity):
            _delete(granularity, window, scopes)
            rows += _insert(granularity, window, scopes)
    log.info("rollups refreshed since %s: %s periods, %s teams, %s rows", since, periods, len(scopes), rows)
    return {"periods": periods, "rows": rows}


def _runs(starts: list[date], granularity: str) -> list[Window]:
    """Period starts merged into half-open windows [first, after last); gaps of up to MERGE_GAP
    periods are recomputed too, which costs less than one more query per source."""
    windows: list[Window] = []
    for start in starts:
        end = next_period(start, granularity)
        if windows and _periods_between(windows[-1].end, start, granularity) <= MERGE_GAP:
            windows[-1] = Window(windows[-1].start, end)
        else:
            windows.append(Window(start, end))
    return windows


def _periods_between(end: date, start: date, granularity: str) -> int:
    count = 0
    while end < start and count <= MERGE_GAP:
        end = next_period(end, granularity)
        count += 1
    return count


def _in_window(granularity: str, window: Window | None, team_ids: set[int] | None) -> list:
    stat = TeamPeriodStat
    conditions = [stat.granularity == granularity]
    if window is not None:
        conditions += [stat.period_start >= window.start, stat.period_start < window.end]
    if team_ids is not None:
        conditions.append(stat.team_id.is_(None) | stat.team_id.in_(sorted(team_ids)))
    return conditions


def _delete(granularity: str, window: Window, team_ids: set[int]) -> None:
    db.session.execute(sa.delete(TeamPeriodStat).where(*_in_window(granularity, window, team_ids)))


def _insert(granularity: str, window: Window | None, team_ids: set[int] | None) -> int:
    """Insert the rollups of one granularity: the organisation, and the teams in team_ids (None: all)."""
    columns = ["team_id", "granularity", "period_start", "metric", "n", "total", "respondents", "sent",
               "promoters", "detractors"]
    dialect = db.engine.dialect.name
    for source in SOURCES:
        for by_team in (False, True):
            if by_team and team_ids is not None and not team_ids:
                continue
            query = source(granularity, dialect, window, by_team, team_ids)
            db.session.execute(sa.insert(TeamPeriodStat).from_select(columns, query))
    count = sa.select(sa.func.count()).select_from(TeamPeriodStat)
    return db.session.scalar(count.where(*_in_window(granularity, window, team_ids)))
