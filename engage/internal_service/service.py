"""A served team's internal service, as its page and the API show it."""

from dataclasses import dataclass
from datetime import date

from engage.analytics.pooled import PooledAnalysis
from engage.auth.access import Principal
from engage.insights import cache
from engage.insights.scope import load_tree, require_scope, thresholds
from engage.insights.service import snapped
from engage.internal_service.comments import MonthComments, served_comments
from engage.internal_service.figures import WeekScore, ratings, scores_by_rater_team, weekly_scores
from engage.internal_service.pooled import VERDICT_LABELS, service_against_csat

__all__ = ["VERDICT_LABELS", "InternalService", "if_serving", "internal_service"]


@dataclass(frozen=True)
class InternalService:
    """serves: marked as serving the front line now (the API gives its past ratings either way)."""

    team_id: int
    team_name: str
    serves: bool
    start: date
    end: date
    threshold: int
    weeks: list[WeekScore]
    pooled: PooledAnalysis
    comments: list[MonthComments]
    comment_threshold: int


def internal_service(principal: Principal, team_id: int, start: date, end: date) -> InternalService:
    """Weekly scores and the lag test for one team; UnknownTeam or PermissionError as for a trend."""
    first, last = snapped(start, end, "week")
    tree = load_tree(principal)
    require_scope(tree, principal, team_id)
    threshold, comment_threshold = thresholds()
    frame = ratings(team_id, first, last)
    name = tree.name(team_id)

    def analyse() -> PooledAnalysis:
        return service_against_csat(scores_by_rater_team(frame, threshold), name, first, last, threshold)

    key = cache.key(tree, "week", first, last, threshold)
    pooled = cache.remembered(
        key, ("internal_service", team_id), analyse, rows=lambda found: 1 + len(found.lags)
    )
    weeks = weekly_scores(frame, first, last, threshold)
    serves = team_id in tree.serving_front_line
    comments = served_comments(team_id, first, last, comment_threshold)
    return InternalService(
        team_id, name, serves, first, last, threshold, weeks, pooled, comments, comment_threshold
    )


def if_serving(principal: Principal, team_id: int, start: date, end: date) -> InternalService | None:
    """The team's internal service when it is marked as serving the front line; no statement otherwise."""
    if team_id not in load_tree(principal).serving_front_line:
        return None
    return internal_service(principal, team_id, start, end)
