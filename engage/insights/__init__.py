"""Confidential insights for pages, API and exports: read from rollups, scoped to the principal,
with every figure of a group under the anonymity threshold withheld.

Refresh the rollups with `engage.insights.rollups.refresh()` (or `flask engage refresh-stats`).
"""

from flask import Flask

from engage.insights import cache
from engage.insights.comments import comments
from engage.insights.pooled import OUTCOMES, pooled_correlation
from engage.insights.service import (
    derived,
    driver_heatmap,
    org_trend,
    snapped,
    team_list,
    team_trend,
    team_trends,
)
from engage.insights.service_hours import service_consistency, team_service_hours
from engage.insights.statistics import before_after, cross_team, team_correlation
from engage.insights.types import InsightsInputError, UnknownTeam

__all__ = [
    "OUTCOMES",
    "InsightsInputError",
    "UnknownTeam",
    "before_after",
    "comments",
    "cross_team",
    "derived",
    "driver_heatmap",
    "init_app",
    "org_trend",
    "pooled_correlation",
    "service_consistency",
    "snapped",
    "team_correlation",
    "team_list",
    "team_service_hours",
    "team_trend",
    "team_trends",
]


def init_app(app: Flask) -> None:
    cache.init_app(app)
    from engage.insights import cli  # noqa: F401 (registers refresh-stats on the engage group)
