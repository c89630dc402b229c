"""Confidential insights for pages, API and exports: read from rollups, scoped to the principal,
with every figure of a group under the anonymity threshold withheld.

Start here. Every page, API call and export goes the same way (a team's trend, for example):

1. The view (web/dashboard/views.py, web/api/views.py) parses the filters and calls a function
   exported below with the principal (auth.access.current_principal).
2. scope.load_tree: the team tree, the teams the principal may see (a manager: down the reporting
   lines, with sub-teams) and the rollup version, in one statement, kept for the rest of the request
   (per_request). scope.require_scope turns a team id into a scope or UnknownTeam / PermissionError.
3. cache.remembered: the finished result (trends, heatmap, a page's table, a CSV), if the figures cache
   holds one made for this rollup version, tree, set of visible teams, period and threshold
   (cache.Key); otherwise it is made by the next two steps and kept. A per-team piece made from
   figures alone (a team's lag analysis, its service hours) is kept by those figures instead
   (cache.by_content), so after a refresh only the teams whose figures changed are worked out again.
   Before the first look-up of a new rollup version, HR's process loads what the scheduler made for it
   after the refresh (shared: the default pages' figures, made once for every web process).
4. reading.confidential_values: the rollup rows of the scopes (reading.load_stats), with every group
   under the threshold, and every group that would reveal one, withheld
   (analytics.confidentiality.confidential). Kept in the same cache (reading.ValuesRead names the
   scopes and metrics), so a later result for fewer scopes reuses the rows.
5. The service module (service, statistics, pooled, comments) turns those rows into the dataclasses
   of types.py, which the view renders.

A warm request costs two statements: the signed-in user (or API token) and step 2's;
tests/web/test_query_budget.py holds every main page and API call to its budget.
Refresh the rollups with `engage.insights.rollups.refresh()` (or `flask engage refresh-stats`).
"""

from flask import Flask

from engage.insights import cache
from engage.insights.comments import comment_is_shown, comments
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
    "comment_is_shown",
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
