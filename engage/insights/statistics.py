"""Engagement against a customer outcome (CSAT% by default): lagged correlation, cross-team comparison;
before/after on CSAT%.

A team's verdict is decided once, in the cross-team comparison of every team the viewer may see, and
the team's page, its API answer and the table all read it from there, so they cannot disagree.
"""

from collections import Counter
from datetime import date, timedelta
from typing import Any, NamedTuple

import pandas as pd

from engage.analytics.compare import before_after as compare_before_after
from engage.analytics.confidentiality import REVEALS_SMALLER, TOO_FEW
from engage.analytics.correlation import (
    VERDICT_NOT_ENOUGH,
    VERDICT_NOT_ENOUGH_EVIDENCE,
    VERDICT_RELATIONSHIP,
    VERDICT_WITHHELD,
    LagAnalysis,
    Pairing,
    benjamini_hochberg,
    lagged_correlation,
    periods_word,
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


class Series(NamedTuple):
    """A scope's engagement and outcome per period, as shown; withheld: outcome periods whose engagement
    is withheld, with the reason of each."""

    engagement: pd.Series
    outcome: pd.Series
    withheld: list[str]


def _series(
    tree: Tree, scopes: list[int], pairing: Pairing, first: date, last: date, against: Outcome
) -> dict[int, Series]:
    """Per scope: engagement per period (withheld periods left out), the outcome and the withheld periods."""
    threshold, _ = thresholds()
    metrics = ["engagement", against.stored]
    values = confidential_values(tree, scopes, pairing, first, last, threshold, metrics)
    values = values[values["metric"].isin(["engagement", against.key])]
    withheld = values["withheld"].astype(bool)
    shown = values[~withheld & values["value"].notna()]
    points: dict[tuple[int, str], tuple[list, list]] = {}
    columns = (shown[c].tolist() for c in ("scope", "metric", "period_start", "value"))
    for scope, metric, period, value in zip(*columns, strict=True):
        periods, figures = points.setdefault((scope, metric), ([], []))
        periods.append(period)
        figures.append(value)
    series = {
        key: pd.Series(figures, index=pd.Index(periods, name="period_start"), dtype=float)
        for key, (periods, figures) in points.items()
    }
    hidden = values[withheld & (values["metric"] == "engagement")]
    empty = pd.Series(dtype=float)
    result = {}
    for scope in scopes:
        figures = series.get((scope, against.key), empty)
        mine = hidden[(hidden["scope"] == scope) & hidden["period_start"].isin(figures.index)]
        engagement = series.get((scope, "engagement"), empty)
        result[scope] = Series(engagement, figures, mine["withheld_reason"].tolist())
    return result


def weekly_series(
    tree: Tree, scopes: list[int], first: date, last: date, outcome_key: str | None = None
) -> dict[int, tuple[pd.Series, pd.Series]]:
    """Per scope: weekly engagement (withheld weeks left out) and the outcome (default CSAT%), as each
    team's test reads them."""
    found = _series(tree, scopes, "week", first, last, outcome(outcome_key))
    return {scope: (series.engagement, series.outcome) for scope, series in found.items()}


def team_correlation(
    principal: Principal,
    team_id: int,
    start: date,
    end: date,
    pairing: Pairing = "week",
    outcome_key: str | None = None,
) -> TeamCorrelation:
    """Engagement against the outcome (default CSAT%) per week (lags -8..+8) or month (-3..+3); withheld
    periods are left out.

    The verdict is the team's row of the cross-team comparison.
    """
    against = outcome(outcome_key)
    first, last = snapped(start, end, pairing)
    tree = load_tree(principal)
    scope = require_scope(tree, principal, team_id)
    threshold, _ = thresholds()

    def analyse() -> LagAnalysis:
        engagement, figures, _ = _series(tree, [scope], pairing, first, last, against)[scope]
        return lagged_correlation(engagement, figures, pairing, outcome=against.name)

    key = cache.key(tree, pairing, first, last, threshold)
    analysis = cache.remembered(
        key, ("correlation", pairing, against.key, scope), analyse, rows=lambda found: 1 + len(found.lags)
    )
    row = next(row for row in cross_team(principal, start, end, pairing, against.key) if row.team_id == scope)
    return TeamCorrelation(team_id, tree.name(scope), first, last, analysis, row, against.key)


def cross_team(
    principal: Principal, start: date, end: date, pairing: Pairing = "week", outcome_key: str | None = None
) -> list[CrossTeamRow]:
    """Every visible team's verdict, best lag and strength against the outcome (default CSAT%); reliable
    relationships first, strongest first.

    A team's relationship counts only when it also survives a false discovery rate of 5% across the
    teams compared (Benjamini-Hochberg on each team's smallest Holm-adjusted p-value).
    """
    against = outcome(outcome_key)
    first, last = snapped(start, end, pairing)
    tree = load_tree(principal)
    teams = [t.id for t in team_infos(tree)]
    threshold, _ = thresholds()
    key = cache.key(tree, pairing, first, last, threshold)

    def rows() -> list[CrossTeamRow]:
        return _cross_team_rows(tree, teams, pairing, first, last, threshold, against)

    return list(cache.remembered(key, ("cross team", pairing, against.key, tuple(teams)), rows))


def _cross_team_rows(
    tree: Tree, teams: list[int], pairing: Pairing, first: date, last: date, threshold: int, against: Outcome
) -> list[CrossTeamRow]:
    series = _series(tree, teams, pairing, first, last, against)
    analyses = {scope: _lagged(s, pairing, against) for scope, s in series.items()}
    tested = {scope: p for scope, a in analyses.items() if (p := smallest_p(a)) is not None}
    q_values = dict(zip(tested, benjamini_hochberg(list(tested.values())), strict=True))
    rows = [
        _cross_row(
            scope,
            tree.name(scope),
            analysis,
            q_values.get(scope),
            len(tested),
            series[scope].withheld,
            threshold,
            against,
        )
        for scope, analysis in analyses.items()
    ]
    return sorted(rows, key=lambda r: (r.verdict != VERDICT_RELATIONSHIP, -abs(r.r or 0), r.team_name))


def _lagged(series: Series, pairing: Pairing, against: Outcome) -> LagAnalysis:
    """A team's Pearson lag analysis, kept by its figures: after a refresh only the teams whose figures
    changed are analysed again."""
    engagement, figures = tuple(series.engagement.items()), tuple(series.outcome.items())
    return cache.by_content(
        ("lagged", pairing, against.name, engagement, figures),
        lambda: lagged_correlation(
            series.engagement, series.outcome, pairing, spearman=False, outcome=against.name
        ),
        rows=lambda analysis: 1 + len(analysis.lags),
    )


def _cross_row(
    team_id: int,
    name: str,
    analysis: LagAnalysis,
    q: float | None,
    teams: int,
    withheld: list[str],
    threshold: int,
    against: Outcome,
) -> CrossTeamRow:
    common: dict[str, Any] = {
        "team_id": team_id,
        "team_name": name,
        "pairing": analysis.pairing,
        "outcome": against.key,
        "n_periods": analysis.n_periods,
        "q_value": q,
        "teams_compared": teams,
        "detectable_r": analysis.detectable_r,
    }
    best = analysis.best
    enough_if_shown = analysis.n_periods + len(withheld) >= analysis.min_periods
    if analysis.verdict == VERDICT_NOT_ENOUGH and withheld and enough_if_shown:
        reason = Counter(withheld).most_common(1)[0][0]
        return CrossTeamRow(
            **common,
            verdict=VERDICT_WITHHELD,
            withheld_reason=reason,
            reading=_withheld_reading(analysis, withheld, reason, threshold, against),
        )
    if best is None:
        return CrossTeamRow(**common, verdict=analysis.verdict, reading=analysis.reading)
    if q is None or q >= analysis.alpha:
        word = periods_word(abs(best.lag), analysis.pairing)
        reading = (
            f"Not enough evidence yet: the strongest lag ({best.lag:+d} {word}, "
            f"r = {best.pearson.r:.2f}) holds for this team alone, but not once the {teams} teams "
            f"compared are accounted for (false discovery rate q = {q:.2f}, "
            f"needs under {analysis.alpha:.2f})."
        )
        return CrossTeamRow(**common, verdict=VERDICT_NOT_ENOUGH_EVIDENCE, reading=reading)
    c = best.pearson
    return CrossTeamRow(
        **common,
        verdict=VERDICT_RELATIONSHIP,
        reading=analysis.reading,
        best_lag=best.lag,
        r=c.r,
        ci_low=c.ci_low,
        ci_high=c.ci_high,
        p_adjusted=c.p_adjusted,
    )


def _withheld_reading(
    analysis: LagAnalysis, withheld: list[str], reason: str, threshold: int, against: Outcome
) -> str:
    why = {
        TOO_FEW: f"fewer than {threshold} respondents",
        REVEALS_SMALLER: "showing it would reveal a smaller group",
    }[reason]
    total = analysis.n_periods + len(withheld)
    return (
        f"Withheld: engagement is withheld in {len(withheld)} of the {total} "
        f"{periods_word(total, analysis.pairing)} with {against.name} (mostly: {why}), so only "
        f"{analysis.n_periods} can be compared; at least {analysis.min_periods} are needed."
    )


def before_after(principal: Principal, team_id: int | None, pivot: date, weeks: int = 12) -> BeforeAfter:
    """Weekly engagement and CSAT% in the `weeks` weeks before the pivot's week against the weeks after."""
    if not 3 <= weeks <= 104:
        raise InsightsInputError(f"weeks must be between 3 and 104, got {weeks}")
    pivot_week = period_start(pivot, "week")
    first, last = pivot_week - timedelta(weeks=weeks), pivot_week + timedelta(weeks=weeks - 1)
    tree = load_tree(principal)
    scope = require_scope(tree, principal, team_id)
    engagement, csat, _ = _series(tree, [scope], "week", first, last, outcome(None))[scope]
    return BeforeAfter(
        None if scope == ORG_SCOPE else scope,
        tree.name(scope),
        pivot_week,
        compare_before_after(engagement, pivot_week, "engagement"),
        compare_before_after(csat, pivot_week, "CSAT%"),
    )
