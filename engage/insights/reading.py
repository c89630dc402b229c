"""Rollup rows into confidential figures."""
from datetime import date

import pandas as pd
import sqlalchemy as sa

from engage.analytics.confidentiality import confidential
from engage.analytics.metrics import ORG_SCOPE, STAT_COLUMNS, SURVEY_METRICS, metric_values, normalise_stats
from engage.extensions import db
from engage.insights.scope import Tree
from engage.models import TeamPeriodStat

VALUE_COLUMNS = ["scope", "period_start", "metric", "value", "respondents", "n", "withheld"]


def load_stats(scopes: list[int], granularity: str, first: date, last: date,
               metrics: list[str] | None = None) -> pd.DataFrame:
    """Rollup rows of the scopes for the periods first..last (inclusive), optionally only some metrics."""
    stat = TeamPeriodStat
    teams = [s for s in scopes if s != ORG_SCOPE]
    in_scope = stat.team_id.in_(teams) if teams else sa.false()
    if ORG_SCOPE in scopes:
        in_scope = in_scope | stat.team_id.is_(None)
    query = sa.select(
        sa.func.coalesce(stat.team_id, ORG_SCOPE), stat.period_start, stat.metric, stat.n, stat.total,
        stat.respondents, stat.sent, stat.promoters, stat.detractors,
    ).where(stat.granularity == granularity, stat.period_start >= first, stat.period_start <= last, in_scope)
    if metrics is not None:
        query = query.where(sa.or_(*[
            stat.metric.like(m[:-1] + "%") if m.endswith("*") else stat.metric == m for m in metrics
        ]))
    rows = db.session.connection().execute(query).all()
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in STAT_COLUMNS]
    return normalise_stats(pd.DataFrame(dict(zip(STAT_COLUMNS, columns, strict=True))))


def confidential_values(tree: Tree, scopes: list[int], granularity: str, first: date, last: date,
                        threshold: int, metrics: list[str] | None = None) -> pd.DataFrame:
    """Figures of the scopes with small groups, and groups that sub-teams' figures could isolate, withheld.

    Only the survey rows (for their respondent counts) of sub-teams outside `scopes` are read.
    """
    others = sorted(set().union(*(tree.descendants(s) for s in scopes)) - set(scopes))
    stats = load_stats(scopes, granularity, first, last, metrics)
    if others:
        survey = [m for m in SURVEY_METRICS if metrics is None or m in metrics]
        if metrics is None or any(m.startswith("driver:") for m in metrics):
            survey.append("driver:*")
        sub_stats = load_stats(others, granularity, first, last, survey)
        stats = pd.concat([stats, sub_stats], ignore_index=True) if not sub_stats.empty else stats
    if stats.empty:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    values = confidential(metric_values(stats), tree.children, threshold)
    return values[values["scope"].isin(scopes)].reset_index(drop=True)
