"""Engagement against a customer outcome (CSAT% by default): lagged correlation, cross-team comparison;
before/after on CSAT%."""
from datetime import date, timedelta

import pandas as pd

from engage.analytics.compare import before_after as compare_before_after
from engage.analytics.correlation import (
    VERDICT_NONE,
    VERDICT_RELATIONSHIP,
    LagAnalysis,
    benjamini_hochberg,
    lagged_correlation,
    smallest_p,
)
from engage.analytics.metrics import ORG_SCOPE
from engage.analytics.periods import period_start
from engage.auth.access import Principal
from engage.insights import cache
from engage.insights.outcomes import Outcome, outcome
from engage.insights.reading import confidential_values
from engage.insights.scope import Tree, load_tree, require_scope, team_infos, thresholds
from engage.insights.service import snapped
from engage.insights.types import BeforeAfter, CrossTeamRow, InsightsInputError, TeamCorrelation


def _weekly(tree: Tree, scopes: list[int], first: date, last: date,
            against: Outcome) -> dict[int, tuple[pd.Series, pd.Series]]:
    """Per scope: weekly engagement (withheld weeks left out) and the weekly outcome."""
    threshold, _ = thresholds()
    values = confidential_values(tree, scopes, "week", first, last, threshold, ["engagement", against.stored])
    shown = ~values["withheld"].astype(bool) & values["value"].notna()
    values = values[shown & values["metric"].isin(["engagement", against.key])]
    points: dict[tuple[int, str], tuple[list, list]] = {}
    columns = (values[c].tolist() for c in ("scope", "metric", "period_start", "value"))
    for scope, metric, period, value in zip(*columns, strict=True):
        periods, figures = points.setdefault((scope, metric), ([], []))
        periods.append(period)
        figures.append(value)
    series = {key: pd.Series(figures, index=pd.Index(periods, name="period_start"), dtype=float)
              for key, (periods, figures) in points.items()}
    empty = pd.Series(dtype=float)
    return {scope: (series.get((scope, "engagement"), empty), series.get((scope, against.key), empty))
            for scope in scopes}


def team_correlation(principal: Principal, team_id: int, start: date, end: date,
                     outcome_key: str | None = None) -> TeamCorrelation:
    """Weekly engagement against the weekly outcome (default CSAT%) at lags -8..+8 weeks; withheld weeks
    are left out."""
    against = outcome(outcome_key)
    first, last = snapped(start, end, "week")
    tree = load_tree(principal)
    scope = require_scope(tree, principal, team_id)
    threshold, _ = thresholds()

    def analyse() -> LagAnalysis:
        return lagged_correlation(*_weekly(tree, [scope], first, last, against)[scope], outcome=against.name)

    key = cache.key(tree, "week", first, last, threshold)
    analysis = cache.remembered(key, ("correlation", scope, against.key), analyse,
                                rows=lambda found: 1 + len(found.lags))
    return TeamCorrelation(team_id, tree.name(scope), first, last, analysis, against.key)


def cross_team(principal: Principal, start: date, end: date,
               outcome_key: str | None = None) -> list[CrossTeamRow]:
    """Every visible team's best lag and strength against the outcome (default CSAT%); reliable
    relationships first, strongest first.

    A team's relationship counts here only when it also survives a false discovery rate of 5% across
    the teams compared (Benjamini-Hochberg on each team's smallest Holm-adjusted p-value).
    """
    against = outcome(outcome_key)
    first, last = snapped(start, end, "week")
    tree = load_tree(principal)
    teams = [t.id for t in team_infos(tree)]
    threshold, _ = thresholds()
    key = cache.key(tree, "week", first, last, threshold)
    return list(cache.remembered(key, ("cross team", tuple(teams), against.key),
                                 lambda: _cross_team_rows(tree, teams, first, last, against)))


def _cross_team_rows(tree: Tree, teams: list[int], first: date, last: date,
                     against: Outcome) -> list[CrossTeamRow]:
    analyses = {scope: lagged_correlation(*series, spearman=False, outcome=against.name)
                for scope, series in _weekly(tree, teams, first, last, against).items()}
    tested = {scope: p for scope, a in analyses.items() if (p := smallest_p(a)) is not None}
    q_values = dict(zip(tested, benjamini_hochberg(list(tested.values())), strict=True))
    rows = [_cross_row(scope, tree.name(scope), analysis, q_values.get(scope), len(tested), against.name)
            for scope, analysis in analyses.items()]
    return sorted(rows, key=lambda r: (r.verdict != VERDICT_RELATIONSHIP, -abs(r.r or 0), r.team_name))


def _cross_row(team_id: int, name: str, analysis: LagAnalysis, q: float | None, teams: int,
               outcome_name: str) -> CrossTeamRow:
    best = analysis.best
    if best is None:
        return CrossTeamRow(team_id, name, analysis.verdict, None, None, None, None, None, analysis.n_weeks,
                            analysis.reading, q)
    if q is None or q >= analysis.alpha:
        reading = (f"No reliable relationship between engagement and {outcome_name} once the {teams} teams "
                   f"compared are accounted for (false discovery rate q = {q:.2f}).")
        return CrossTeamRow(team_id, name, VERDICT_NONE, None, None, None, None, None, analysis.n_weeks,
                            reading, q)
    c = best.pearson
    return CrossTeamRow(team_id, name, analysis.verdict, best.lag, c.r, c.ci_low, c.ci_high, c.p_adjusted,
                        analysis.n_weeks, analysis.reading, q)


def before_after(principal: Principal, team_id: int | None, pivot: date, weeks: int = 12) -> BeforeAfter:
    """Weekly engagement and CSAT% in the `weeks` weeks before the pivot's week against the weeks after."""
    if not 3 <= weeks <= 104:
        raise InsightsInputError(f"weeks must be between 3 and 104, got {weeks}")
    pivot_week = period_start(pivot, "week")
    first, last = pivot_week - timedelta(weeks=weeks), pivot_week + timedelta(weeks=weeks - 1)
    tree = load_tree(principal)
    scope = require_scope(tree, principal, team_id)
    engagement, csat = _weekly(tree, [scope], first, last, outcome(None))[scope]
    return BeforeAfter(
        None if scope == ORG_SCOPE else scope, tree.name(scope), pivot_week,
        compare_before_after(engagement, pivot_week, "engagement"),
        compare_before_after(csat, pivot_week, "CSAT%"),
    )
