"""Engagement against an outcome pooled across the teams a principal may see (engage.analytics.pooled)."""

from dataclasses import dataclass
from datetime import date

from engage.analytics.metrics import ORG_SCOPE
from engage.analytics.pooled import PooledAnalysis, pooled_lagged
from engage.auth.access import Principal
from engage.insights import cache
from engage.insights.outcomes import OUTCOMES as OUTCOME_CHOICES
from engage.insights.outcomes import outcome as outcome_named
from engage.insights.scope import ORGANISATION, Tree, load_tree, require_scope, thresholds
from engage.insights.service import snapped
from engage.insights.statistics import weekly_series

OUTCOMES = tuple(OUTCOME_CHOICES)  # every outcome the per-team analysis takes
YOUR_TEAMS = "Your teams"


@dataclass(frozen=True)
class PooledCorrelation:
    """team_id None: every team the principal may see. sub_teams counts the teams offered to the pool."""

    team_id: int | None
    team_name: str
    start: date
    end: date
    outcome: str
    sub_teams: int
    analysis: PooledAnalysis


def pooled_teams(tree: Tree, scope: int) -> list[int]:
    """The visible teams under scope without a visible sub-team: as many teams as can be, none overlapping."""
    under = tree.descendants(scope) - {scope}
    candidates = under & set(tree.visible_teams())
    return sorted(team for team in candidates if not candidates & set(tree.children.get(team, [])))


def pooled_correlation(
    principal: Principal, team_id: int | None, start: date, end: date, outcome: str = "csat_pct"
) -> PooledCorrelation:
    """Weekly engagement against the outcome, pooled over the smallest visible teams of the team (None: of
    everything the principal sees); withheld weeks are gaps. UnknownTeam or PermissionError as for a trend."""
    against = outcome_named(outcome)
    first, last = snapped(start, end, "week")
    tree = load_tree(principal)
    scope = ORG_SCOPE if team_id is None else require_scope(tree, principal, team_id)
    teams = pooled_teams(tree, scope)
    threshold, _ = thresholds()

    def analyse() -> PooledAnalysis:
        return pooled_lagged(
            weekly_series(tree, teams, first, last, against.key) if teams else {}, outcome=against.name
        )

    key = cache.key(tree, "week", first, last, threshold)
    analysis = cache.remembered(
        key, ("pooled", outcome, tuple(teams)), analyse, rows=lambda found: 1 + len(found.lags)
    )
    if scope != ORG_SCOPE:
        name = tree.name(scope)
    else:
        name = ORGANISATION if principal.sees_everything else YOUR_TEAMS
    return PooledCorrelation(team_id, name, first, last, outcome, len(teams), analysis)
