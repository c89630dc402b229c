"""Trends, heatmap, comments and the team list, read from the rollups."""

import math
from collections.abc import Callable
from datetime import date
from typing import NamedTuple, TypeVar

import pandas as pd

from engage.analytics.confidentiality import REVEALS_SMALLER
from engage.analytics.metrics import ORG_SCOPE
from engage.analytics.periods import check_granularity, label, period_starts, snap
from engage.auth.access import Principal
from engage.insights import cache
from engage.insights.reading import confidential_values
from engage.insights.scope import Tree, load_tree, require_scope, team_infos, thresholds
from engage.insights.types import (
    Granularity,
    Heatmap,
    HeatmapCell,
    HeatmapRow,
    InsightsInputError,
    TeamInfo,
    Trend,
    TrendPoint,
)
from engage.models import DRIVERS

SURVEY_FIELDS = {
    "engagement": "engagement",
    "participation": "participation",
    "response_rate": "response_rate",
    "enps": "enps",
}
TREND_METRICS = ["engagement", "participation", "enps", "csat", "nps", "fcr", "kudos_given", "kudos_received"]
HEATMAP_DRIVERS = [d for d in DRIVERS if d != "enps"]
FIGURE_COLUMNS = [
    "scope",
    "period_start",
    "metric",
    "value",
    "n",
    "withheld",
    "withheld_reason",
    "respondents",
]
BYTES_PER_CACHE_ROW = 100

Made = TypeVar("Made", str, bytes)


def team_list(principal: Principal) -> list[TeamInfo]:
    """The teams the principal may see, parents before children, by name."""
    return team_infos(load_tree(principal))


def org_trend(principal: Principal, start: date, end: date, granularity: Granularity = "week") -> Trend:
    """The whole organisation's trend (HR/admin); a manager gets PermissionError."""
    return _trends(principal, [None], start, end, granularity)[0]


def team_trend(
    principal: Principal, team_id: int, start: date, end: date, granularity: Granularity = "week"
) -> Trend:
    """One team's trend, sub-teams included; UnknownTeam or PermissionError."""
    return _trends(principal, [team_id], start, end, granularity)[0]


def team_trends(
    principal: Principal,
    team_ids: list[int | None],
    start: date,
    end: date,
    granularity: Granularity = "week",
) -> list[Trend]:
    """The teams' trends in order (None: the organisation), read in one pass; as team_trend one by one."""
    return _trends(principal, team_ids, start, end, granularity)


def derived(
    principal: Principal,
    start: date,
    end: date,
    granularity: Granularity,
    what: tuple,
    make: Callable[[], Made],
) -> Made:
    """Text made from the principal's figures for the range (a page's table, a CSV, a JSON body), kept in
    the figures cache beside them until the rollups, the team tree or the principal's teams change.

    what names it and holds everything else it depends on (the view, its filters).
    """
    first, last = snapped(start, end, granularity)
    threshold, _ = thresholds()
    key = cache.key(load_tree(principal), granularity, first, last, threshold)
    return cache.remembered(
        key, ("derived", *what), make, rows=lambda text: 1 + len(text) // BYTES_PER_CACHE_ROW
    )


def snapped(start: date, end: date, granularity: str) -> tuple[date, date]:
    """First and last period starts of the range, or InsightsInputError."""
    try:
        check_granularity(granularity)
        return snap(start, end, granularity)
    except ValueError as exc:
        raise InsightsInputError(str(exc)) from exc


def _trends(
    principal: Principal, team_ids: list[int | None], start: date, end: date, granularity: Granularity
) -> list[Trend]:
    first, last = snapped(start, end, granularity)
    tree = load_tree(principal)
    scopes = [require_scope(tree, principal, team_id) for team_id in team_ids]
    if not scopes:
        return []
    threshold, _ = thresholds()
    key = cache.key(tree, granularity, first, last, threshold)
    periods = period_starts(first, last, granularity)
    return cache.remembered_each(
        key,
        [("trend", scope) for scope in scopes],
        lambda missing: _compute_trends(
            tree, [scope for _, scope in missing], granularity, periods, threshold
        ),
        rows=len(periods),
    )


def _compute_trends(
    tree: Tree, scopes: list[int], granularity: Granularity, periods: list[date], threshold: int
) -> list[Trend]:
    first, last = periods[0], periods[-1]
    values = confidential_values(tree, scopes, granularity, first, last, threshold, TREND_METRICS)
    rows = _by_scope_and_period(values)
    labelled = [(period, label(period, granularity)) for period in periods]
    return [
        Trend(
            None if scope == ORG_SCOPE else scope,
            tree.name(scope),
            granularity,
            first,
            last,
            threshold,
            [_point(rows.get((scope, period)), period, name) for period, name in labelled],
        )
        for scope in scopes
    ]


class _Figure(NamedTuple):
    value: float
    n: int
    withheld: bool
    withheld_reason: str | None
    respondents: float


Figures = dict[str, _Figure]


def _by_scope_and_period(values: pd.DataFrame) -> dict[tuple[int, date], Figures]:
    """Each (scope, period)'s figures by metric, read in one pass (a frame per group is far slower)."""
    rows: dict[tuple[int, date], Figures] = {}
    columns = (values[c].tolist() for c in FIGURE_COLUMNS)
    for scope, period, metric, *figure in zip(*columns, strict=True):
        rows.setdefault((scope, period), {})[metric] = _Figure(*figure)
    return rows


def _figure(rows: Figures | None, metric: str) -> float | None:
    figure = None if rows is None else rows.get(metric)
    if figure is None or figure.value is None or math.isnan(figure.value):
        return None
    return round(float(figure.value), 2)


def _count(rows: Figures | None, metric: str) -> int:
    if rows is None or metric not in rows:
        return 0
    return int(rows[metric].n)


def _point(rows: Figures | None, period: date, period_label: str) -> TrendPoint:
    reasons = {
        field: reason
        for field, metric in SURVEY_FIELDS.items()
        if rows is not None
        and metric in rows
        and bool(rows[metric].withheld)
        and (reason := rows[metric].withheld_reason) is not None
    }
    withheld = tuple(reasons)
    respondents = None
    if rows is not None and "participation" in rows and "participation" not in withheld:
        respondents = int(rows["participation"].respondents)
    return TrendPoint(
        period_start=period,
        label=period_label,
        engagement=_figure(rows, "engagement"),
        participation=_figure(rows, "participation"),
        response_rate=_figure(rows, "response_rate"),
        enps=_figure(rows, "enps"),
        csat_pct=_figure(rows, "csat_pct"),
        csat_mean=_figure(rows, "csat_mean"),
        nps=_figure(rows, "nps"),
        fcr=_figure(rows, "fcr"),
        kudos_given=_count(rows, "kudos_given"),
        kudos_received=_count(rows, "kudos_received"),
        respondents=respondents,
        ratings=_count(rows, "csat_pct"),
        nps_ratings=_count(rows, "nps"),
        tickets=_count(rows, "fcr"),
        withheld=bool(withheld),
        withheld_fields=withheld,
        withheld_reasons=reasons,
    )


def driver_heatmap(
    principal: Principal, start: date, end: date, team_ids: list[int] | None = None
) -> Heatmap:
    """Driver scores per visible team (and the organisation for HR) over whole months of the range.

    With team_ids, only those teams' rows, in order (UnknownTeam or PermissionError as for a trend).
    A cell pools the months in which its figure may be shown; respondents is its largest month.
    """
    first, last = snapped(start, end, "month")
    tree = load_tree(principal)
    threshold, _ = thresholds()
    if team_ids is None:
        scopes = ([ORG_SCOPE] if principal.sees_everything else []) + [t.id for t in team_infos(tree)]
    else:
        scopes = [require_scope(tree, principal, team_id) for team_id in team_ids]
    key = cache.key(tree, "month", first, last, threshold)
    return cache.remembered(
        key,
        ("heatmap", tuple(scopes)),
        lambda: _heatmap(tree, scopes, first, last, threshold),
        rows=lambda heatmap: len(heatmap.rows) * (1 + len(heatmap.drivers)),
    )


def _heatmap(tree: Tree, scopes: list[int], first: date, last: date, threshold: int) -> Heatmap:
    values = confidential_values(tree, scopes, "month", first, last, threshold, ["engagement", "driver:*"])
    shown = values[~values["withheld"].astype(bool)].assign(weighted=lambda f: f["value"] * f["n"])
    pooled = shown.groupby(["scope", "metric"]).agg(
        weighted=("weighted", "sum"), n=("n", "sum"), respondents=("respondents", "max")
    )
    pooled = {
        key: row for key, row in zip(pooled.index, pooled.itertuples(index=False), strict=True) if row.n > 0
    }
    seen = set(zip(values["scope"], values["metric"], strict=True))
    withheld = values[values["withheld"].astype(bool)]
    reasons: dict[tuple[int, str], str] = {}
    for scope, metric, reason in zip(
        withheld["scope"], withheld["metric"], withheld["withheld_reason"], strict=True
    ):
        # A cell shown in no month reads "too few" only when that was the reason in every month.
        if reasons.get((scope, metric)) != REVEALS_SMALLER:
            reasons[(scope, metric)] = reason

    def cell(scope: int, metric: str, driver: str) -> HeatmapCell:
        row = pooled.get((scope, metric))
        if row is not None:
            return HeatmapCell(driver, round(float(row.weighted / row.n), 2), int(row.respondents), False)
        return HeatmapCell(driver, None, None, (scope, metric) in seen, reasons.get((scope, metric)))

    rows = [
        HeatmapRow(
            None if scope == ORG_SCOPE else scope,
            tree.name(scope),
            cell(scope, "engagement", "engagement"),
            [cell(scope, f"driver:{d}", d) for d in HEATMAP_DRIVERS],
        )
        for scope in scopes
    ]
    return Heatmap(first, last, HEATMAP_DRIVERS, threshold, rows)
