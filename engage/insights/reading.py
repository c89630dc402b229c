"""Rollup rows into confidential figures."""

from datetime import date
from typing import NamedTuple

import pandas as pd
import sqlalchemy as sa

from engage.analytics.confidentiality import confidential
from engage.analytics.metrics import ORG_SCOPE, STAT_COLUMNS, SURVEY_METRICS, metric_values, normalise_stats
from engage.extensions import db
from engage.insights import cache, shared
from engage.insights.scope import Tree
from engage.models import TeamPeriodStat

VALUE_COLUMNS = [
    "scope",
    "period_start",
    "metric",
    "value",
    "respondents",
    "n",
    "withheld",
    "withheld_reason",
]
# Figures computed from another stored metric.
ROW_METRICS = {"csat_pct": "csat", "csat_mean": "csat", "response_rate": "participation"}


class ValuesRead(NamedTuple):
    """What an entry of confidential values was read for: these scopes and metrics (None: every metric)."""

    scopes: frozenset[int]
    metrics: frozenset[str] | None

    def covers(self, wanted: "ValuesRead") -> bool:
        """True when the rows wanted are among these (every entry is decided on the whole tree)."""
        if not wanted.scopes <= self.scopes:
            return False
        return self.metrics is None or (wanted.metrics is not None and wanted.metrics <= self.metrics)


def load_stats(
    scopes: list[int], granularity: str, first: date, last: date, metrics: list[str] | None = None
) -> pd.DataFrame:
    """Rollup rows of the scopes for the periods first..last (inclusive), optionally only some metrics."""
    stat = TeamPeriodStat
    teams = [s for s in scopes if s != ORG_SCOPE]
    in_scope: sa.ColumnElement[bool] = stat.team_id.in_(teams) if teams else sa.false()
    if ORG_SCOPE in scopes:
        in_scope = in_scope | stat.team_id.is_(None)
    query = sa.select(
        sa.func.coalesce(stat.team_id, ORG_SCOPE),
        stat.period_start,
        stat.metric,
        stat.n,
        stat.total,
        stat.respondents,
        stat.sent,
        stat.promoters,
        stat.detractors,
        stat.answered,
    ).where(stat.granularity == granularity, stat.period_start >= first, stat.period_start <= last, in_scope)
    if metrics is not None:
        query = query.where(
            sa.or_(
                *[stat.metric.like(m[:-1] + "%") if m.endswith("*") else stat.metric == m for m in metrics]
            )
        )
    rows = db.session.connection().execute(query).all()
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in STAT_COLUMNS]
    return normalise_stats(pd.DataFrame(dict(zip(STAT_COLUMNS, columns, strict=True))))


def confidential_values(
    tree: Tree,
    scopes: list[int],
    granularity: str,
    first: date,
    last: date,
    threshold: int,
    metrics: list[str] | None = None,
    with_sub_teams: bool = False,
) -> pd.DataFrame:
    """Figures of the scopes with small groups, and the groups that keep a remainder safe, withheld.

    Which group to withhold to keep a remainder safe depends on every group's respondent count, so
    the survey rows of every other group are read too (for their counts); with with_sub_teams the rows
    of the scopes' sub-teams are returned too. Served from the cache when an entry computed for these
    scopes and metrics (or more) is there: every entry is decided on the whole tree.
    """
    wanted = ValuesRead(frozenset(scopes), None if metrics is None else frozenset(metrics))
    cache_key = cache.key(tree, granularity, first, last, threshold)

    def covers(entry: cache.Entry) -> bool:
        return entry.figures == cache_key and isinstance(entry.what, ValuesRead) and entry.what.covers(wanted)

    values = cache.figures_cache().find(covers)
    if values is None:
        shared.offer_part(wanted)
        values = cache.figures_cache().find(covers)
    if values is None:
        values = _confidential_values(tree, scopes, granularity, first, last, threshold, metrics)
        cache.figures_cache().put(cache.Entry(cache_key, wanted), values, len(values))
    return _select(values, tree, scopes, metrics, with_sub_teams)


def _sub_team_metrics(metrics: list[str] | None) -> list[str]:
    """What is read of sub-teams outside the scopes: the survey metrics asked for."""
    survey = [m for m in SURVEY_METRICS if metrics is None or m in metrics]
    if metrics is None or any(m.startswith("driver:") for m in metrics):
        survey.append("driver:*")
    return survey


def _confidential_values(
    tree: Tree,
    scopes: list[int],
    granularity: str,
    first: date,
    last: date,
    threshold: int,
    metrics: list[str] | None,
) -> pd.DataFrame:
    """The figures of the scopes, decided on the survey rows of every group (the others' only read)."""
    others = sorted((set(tree.names) | {ORG_SCOPE}) - set(scopes))
    stats = load_stats(scopes, granularity, first, last, metrics)
    if others:
        sub_stats = load_stats(others, granularity, first, last, _sub_team_metrics(metrics))
        stats = pd.concat([stats, sub_stats], ignore_index=True) if not sub_stats.empty else stats
    if stats.empty:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    return confidential(metric_values(stats), tree.children, threshold)


def _select(
    values: pd.DataFrame, tree: Tree, scopes: list[int], metrics: list[str] | None, with_sub_teams: bool
) -> pd.DataFrame:
    """The rows a direct read for these scopes and metrics would give, in the same order."""
    if values.empty:
        return values
    keep = values["scope"].isin(scopes) & _matching(values["metric"], metrics)
    if with_sub_teams:
        below = set().union(*(tree.descendants(s) for s in scopes)) - set(scopes)
        keep |= values["scope"].isin(below) & _matching(values["metric"], _sub_team_metrics(metrics))
    return values[keep].reset_index(drop=True)


def _matching(row_metrics: pd.Series, metrics: list[str] | None) -> pd.Series:
    """Rows of the metrics asked for (csat gives csat_pct and csat_mean; driver:* every driver)."""
    if metrics is None:
        return pd.Series(True, index=row_metrics.index)
    stored = {m: ROW_METRICS.get(m, m) for m in row_metrics.unique()}
    wanted = [
        m
        for m, stored_as in stored.items()
        if any(stored_as.startswith(p[:-1]) if p.endswith("*") else stored_as == p for p in metrics)
    ]
    return row_metrics.isin(wanted)
