"""Does a front-line team's CSAT follow its ratings of a served team? Pooled over the front-line teams.

The pairs are (front-line team, week): the team's own people's score of the served team against the same
team's CSAT %, at lags -8..+8 weeks, with team and week fixed effects, a wild cluster bootstrap by team and
Holm across the lags (engage.analytics.pooled, as the engagement card). The served team's overall score
would be the same for every front-line team in a week and the week means would take it out entirely;
per-team scores keep what differs between teams: the teams IT served worse than usual that week.
"""

from dataclasses import replace
from datetime import date

import pandas as pd

from engage.analytics.correlation import MAX_LAG
from engage.analytics.pooled import PER, PooledAnalysis, PooledLag, pooled_lagged
from engage.auth.access import Principal
from engage.insights.scope import load_tree
from engage.insights.statistics import weekly_series

# CSAT is not anonymous and only a slope leaves this module, so every front-line team's CSAT is read,
# whichever teams the viewer may see.
EVERY_TEAM = Principal(role="hr", employee_id=None)
VERDICT_LABELS = {
    "relationship": "Relationship",
    "no_reliable_relationship": "Not enough evidence yet",
    "not_enough_data": "Not enough data yet",
}


def _weeks(k: int) -> str:
    return "week" if k == 1 else "weeks"


def describe(best: PooledLag, served: str) -> str:
    k = abs(best.lag)
    change = "higher" if best.effect > 0 else "lower"
    size = (
        f"{abs(best.effect):.1f} points {change} (95% CI {best.ci_low:+.1f} to {best.ci_high:+.1f} "
        f"per {PER} points of rating)"
    )
    pooled = f"Across {best.teams} front-line teams and {best.weeks} weeks"
    if best.lag > 0:
        return (
            f"{pooled}, CSAT tends to follow the service from {served} by about {k} {_weeks(k)}: "
            f"{k} {_weeks(k)} after a team rates {served} {PER} points above its usual, "
            f"its CSAT is on average {size}."
        )
    if best.lag < 0:
        return (
            f"{pooled}, ratings of {served} tend to follow CSAT by about {k} {_weeks(k)}: {k} {_weeks(k)} "
            f"before a team rates {served} {PER} points above its usual, its CSAT was on average {size}."
        )
    return (
        f"{pooled}, ratings of {served} and CSAT move together in the same week: in a week when a team rates "
        f"{served} {PER} points above its usual, its CSAT is on average {size}."
    )


def reading(analysis: PooledAnalysis, served: str, threshold: int) -> str:
    if analysis.best is not None:
        return describe(analysis.best, served)
    if analysis.verdict == "no_reliable_relationship":
        lag = MAX_LAG["week"]
        return (
            f"Not enough evidence yet: pooling {analysis.teams} front-line teams "
            f"over {analysis.weeks} weeks, "
            f"no reliable link between their ratings of {served} and their CSAT at any lag from -{lag} to "
            f"+{lag} weeks, once weeks shared by every team, autocorrelation within teams and the "
            f"{2 * lag + 1} lags tried are accounted for."
        )
    return (
        f"Not enough data yet: {analysis.teams} front-line "
        f"{'team has' if analysis.teams == 1 else 'teams have'} "
        f"at least {analysis.min_team_weeks} weeks in which {threshold} or more of its people rated {served} "
        f"and customers rated the team; at least {analysis.min_teams} are needed."
    )


def service_against_csat(
    scores: dict[int, pd.Series], served: str, first: date, last: date, threshold: int
) -> PooledAnalysis:
    """scores: per front-line team, its weekly score of the served team (engage.internal_service.figures)."""
    tree = load_tree(EVERY_TEAM)
    teams = sorted(team for team in scores if team in tree.names)
    csat = weekly_series(tree, teams, first, last, "csat_pct") if teams else {}
    analysis = pooled_lagged({team: (scores[team], csat[team][1]) for team in teams}, outcome="CSAT")
    return replace(analysis, reading=reading(analysis, served, threshold))
