"""Several teams' trends from one read of the rollups, for the teams table and the CSV export.

The same figures as engage.insights.team_trend team by team (a test holds them equal); it belongs in
engage.insights as team_trends once that package offers it.
"""
from datetime import date

from engage.analytics.periods import period_starts
from engage.auth.access import Principal
from engage.insights.reading import confidential_values
from engage.insights.scope import load_tree, require_scope, thresholds
from engage.insights.service import _point, snapped
from engage.insights.types import Granularity, Trend


def team_trends(
    principal: Principal, team_ids: list[int], start: date, end: date, granularity: Granularity = "week"
) -> list[Trend]:
    """Trends of the teams, in order; UnknownTeam or PermissionError as for one team."""
    first, last = snapped(start, end, granularity)
    tree = load_tree(principal)
    scopes = [require_scope(tree, principal, team_id) for team_id in team_ids]
    if not scopes:
        return []
    threshold, _ = thresholds()
    values = confidential_values(tree, scopes, granularity, first, last, threshold)
    rows = {key: group.set_index("metric") for key, group in values.groupby(["scope", "period_start"])}
    periods = period_starts(first, last, granularity)
    return [
        Trend(scope, tree.name(scope), granularity, first, last, threshold,
              [_point(rows.get((scope, period)), period, granularity) for period in periods])
        for scope in scopes
    ]
