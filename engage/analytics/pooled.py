"""Weekly engagement against a weekly customer outcome (CSAT% by default) pooled across teams, each team
against its own usual level and each week against what moved every team.

Lags follow engagement.analytics.correlation: lag k > 0 pairs a team's engagement in week t with its CSAT
in week t + k (engagement leads CSAT); k < 0 pairs its CSAT in week t with its engagement in week t + |k|.

At each lag the pairs are taken relative to their team's own mean and to their week's mean across teams
at once (two-way fixed effects, on the unbalanced panel of shown weeks; engage.analytics.wild_cluster):
teams that are simply happier or better rated do not make the link, and neither do weeks that move every
team alike (a holiday season, a company-wide incident: a December dip in both engagement and CSAT is
not a link, and even unrelated company-wide swings in each are one series counted once per team, which
clustering by team cannot see). The pooled outcome is regressed on engagement by OLS. The slope is
outcome points per engagement point.

Standard errors are clustered by team (CR1). A team's weekly figures are autocorrelated; clustering
allows any autocorrelation within a team over the whole window and any difference in noise between
teams, and it needs many teams rather than many weeks; the week means take out what teams share in a
week. The team means are nested in the clusters and take no degrees of freedom (Cameron & Miller 2015).
With some 30 teams, Student's t is not to be trusted far in the tail, where a correction for 17 lags
looks (p near 0.003), so p-values and intervals come from a wild cluster bootstrap of the t statistic
with the null imposed (Cameron, Gelbach & Miller 2008), refitting both sets of means on every draw.

From 15 teams the bootstrap gives each team a random sign (Rademacher weights). With team means only,
that makes it a randomization test over the signs of whole teams' contributions: exact whenever those
are independent and symmetric under the null (Canay, Santos & Shaikh 2021), so each lag's p-value is
exact and Holm keeps the chance of any false claim across the 17 lags under 5% whatever the
dependence between lags; the week means couple the teams only by 1/teams. Webb's six-point weights,
used before, also rescale each team's contribution (by 0.71 to 1.22), which makes the bootstrap t a
little lighter-tailed than the signs' distribution: at 30 teams its critical value at 0.05 / 17 came
out 0.9% lower (benchmarks/pooled_power.py companies), enough for about 9% more per-lag false claims
and 5.3-5.5% across lags. Below 15 teams the 2^(teams - 1) sign patterns are too few for a p-value
near 0.003 (none under 1/128 at 8 teams), so Webb's weights are used there. A more conservative
studentisation (CR3, the jackknife) was tried and did not change the rate: with teams of similar size
it differs from CR1 by nearly a constant, which a bootstrap-t cancels. At least MIN_TEAMS teams are
needed.

Trying 17 lags is a multiple comparison: per-lag p-values are Holm-adjusted across the lags tested, as in
the per-team analysis, and a lag counts only when its adjusted p-value is under ALPHA. The best lag is
the significant lag with the strongest evidence (the largest |t|).
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from engage.analytics.correlation import ALPHA, MAX_LAG, every_period, holm, lag_matrices
from engage.analytics.wild_cluster import TwoWay, bootstrap_weights, cr1_fit, wild_cluster_t

MIN_TEAMS = 8
MIN_TEAM_WEEKS = 8
PER = 10  # effects are given in outcome points per PER engagement points

VERDICT_RELATIONSHIP = "relationship"
VERDICT_NONE = "no_reliable_relationship"
VERDICT_NOT_ENOUGH = "not_enough_data"
VERDICTS = (VERDICT_RELATIONSHIP, VERDICT_NONE, VERDICT_NOT_ENOUGH)


@dataclass(frozen=True)
class PooledLag:
    """One lag: effect in outcome points per PER engagement points, its 95% interval, raw and adjusted p.

    weeks counts the distinct weeks of engagement paired; team_weeks the pairs pooled.
    """

    lag: int
    effect: float
    ci_low: float
    ci_high: float
    t: float
    p: float
    p_adjusted: float
    teams: int
    weeks: int
    team_weeks: int
    significant: bool


@dataclass(frozen=True)
class PooledAnalysis:
    verdict: str
    reading: str
    teams: int
    weeks: int
    lags: list[PooledLag]
    best: PooledLag | None
    min_teams: int = MIN_TEAMS
    min_team_weeks: int = MIN_TEAM_WEEKS
    alpha: float = ALPHA


class _Team:
    """A team's series on every week of its span: row i of x and y pairs them at lags[i]."""

    def __init__(self, engagement: pd.Series, csat: pd.Series, lags: np.ndarray):
        weeks = every_period(engagement.index.union(csat.index))
        e = engagement.reindex(weeks).astype(float).to_numpy()
        c = csat.reindex(weeks).astype(float).to_numpy()
        self.both = int((~np.isnan(e) & ~np.isnan(c)).sum())
        self.weeks = np.array(weeks, dtype="datetime64[D]")
        self.x, self.y = lag_matrices(e, c, lags)


def pooled_lagged(
    series: Mapping[Any, tuple[pd.Series, pd.Series]],
    max_lag: int = MAX_LAG["week"],
    min_teams: int = MIN_TEAMS,
    min_team_weeks: int = MIN_TEAM_WEEKS,
    alpha: float = ALPHA,
    outcome: str = "CSAT",
) -> PooledAnalysis:
    """Pool each team's weekly (engagement, outcome) series (by week start; a missing week NaN or left out);
    outcome names the second series in the reading."""
    lags = np.arange(-max_lag, max_lag + 1)
    teams = [_Team(engagement, csat, lags) for engagement, csat in series.values()]
    teams = [team for team in teams if team.both >= min_team_weeks]
    weeks = len(set().union(*(team.weeks[~np.isnan(team.x[max_lag])].tolist() for team in teams)))
    if len(teams) < min_teams:
        reading = _not_enough_reading(len(teams), min_teams, min_team_weeks, outcome)
        return PooledAnalysis(
            VERDICT_NOT_ENOUGH, reading, len(teams), weeks, [], None, min_teams, min_team_weeks, alpha
        )
    weights = bootstrap_weights(len(teams), data_seed(*(t.x for t in teams), *(t.y for t in teams)))
    fits = [
        fit
        for i, lag in enumerate(lags.tolist())
        if (fit := _fit_lag(teams, i, lag, weights, min_teams, min_team_weeks)) is not None
    ]
    if not fits:
        reading = (
            f"Not enough data to pool: at no lag do {min_teams} teams have {min_team_weeks} pairs of "
            f"weeks with both engagement and {outcome} shown."
        )
        return PooledAnalysis(
            VERDICT_NOT_ENOUGH, reading, len(teams), weeks, [], None, min_teams, min_team_weeks, alpha
        )
    adjusted = holm([fit.p for fit in fits])
    results = [
        replace(fit, p_adjusted=p, significant=p < alpha) for fit, p in zip(fits, adjusted, strict=True)
    ]
    surviving = [result for result in results if result.significant]
    if not surviving:
        reading = _none_reading(len(teams), weeks, max_lag, outcome)
        return PooledAnalysis(
            VERDICT_NONE, reading, len(teams), weeks, results, None, min_teams, min_team_weeks, alpha
        )
    best = max(surviving, key=lambda result: abs(result.t))
    return PooledAnalysis(
        VERDICT_RELATIONSHIP,
        describe(best, outcome),
        len(teams),
        weeks,
        results,
        best,
        min_teams,
        min_team_weeks,
        alpha,
    )


def data_seed(*arrays: np.ndarray) -> int:
    """A seed drawn from the figures: the same figures always give the same p-values, and different
    figures get their own draws. One fixed set of draws for every analysis would share its Monte Carlo
    error (about 18% of a tail probability of 0.003 at 9,999 draws) with every company analysed."""
    digest = hashlib.blake2b(digest_size=8)
    for values in arrays:
        digest.update(np.ascontiguousarray(values, dtype=float).tobytes())
    return int.from_bytes(digest.digest(), "little")


def _fit_lag(
    teams: list[_Team], row: int, lag: int, weights: np.ndarray, min_teams: int, min_team_weeks: int
) -> PooledLag | None:
    """The lag's fit, before the correction for the lags tried (p_adjusted = p)."""
    x, y, weeks, columns = [], [], [], []
    groups: list[np.ndarray] = []
    for column, team in enumerate(teams):
        paired = ~np.isnan(team.x[row])
        if paired.sum() < min_team_weeks:
            continue
        columns.append(column)
        x.append(team.x[row][paired])
        y.append(team.y[row][paired])
        groups.append(np.full(int(paired.sum()), len(groups)))
        # row position i holds engagement of week i (lag >= 0) or week i - lag (lag < 0)
        weeks.append(team.weeks[np.flatnonzero(paired) + max(0, -lag)])
    if len(groups) < min_teams:
        return None
    week = np.concatenate(weeks)
    fe = TwoWay(np.concatenate(groups), np.unique(week, return_inverse=True)[1])
    x_within, y_within = fe.residuals(np.concatenate(x)), fe.residuals(np.concatenate(y))
    if np.allclose(x_within, 0):
        return None
    fit = cr1_fit(fe, x_within, y_within)
    t_null = np.abs(wild_cluster_t(fe, x_within, y_within, weights[:, columns]))
    p = (1 + int((t_null >= abs(fit.t)).sum())) / (1 + len(t_null))
    half = float(np.quantile(t_null, 0.95)) * fit.se
    return PooledLag(
        lag,
        PER * fit.slope,
        PER * (fit.slope - half),
        PER * (fit.slope + half),
        fit.t,
        p,
        p,
        len(groups),
        len(np.unique(week)),
        len(week),
        False,
    )


def _weeks(k: int) -> str:
    return "week" if k == 1 else "weeks"


def _not_enough_reading(teams: int, min_teams: int, min_team_weeks: int, outcome: str) -> str:
    return (
        f"Not enough data to pool: {teams} {'team has' if teams == 1 else 'teams have'} at least "
        f"{min_team_weeks} weeks with both engagement and {outcome} shown; "
        f"at least {min_teams} are needed."
    )


def _none_reading(teams: int, weeks: int, max_lag: int, outcome: str) -> str:
    return (
        f"Pooling {teams} teams over {weeks} weeks, no reliable link between a team's engagement and "
        f"its {outcome} at any lag from -{max_lag} to +{max_lag} weeks, once weeks shared by every team, "
        f"autocorrelation within teams and the {2 * max_lag + 1} lags tried are accounted for."
    )


def describe(result: PooledLag, outcome: str = "CSAT") -> str:
    """A plain-language reading of one pooled lag; outcome names what engagement is set against."""
    change = "higher" if result.effect > 0 else "lower"
    size = (
        f"{abs(result.effect):.1f} points {change} (95% CI {result.ci_low:+.1f} to {result.ci_high:+.1f} "
        f"per {PER} engagement points)"
    )
    pooled = f"Across {result.teams} teams and {result.weeks} weeks"
    k = abs(result.lag)
    if result.lag > 0:
        return (
            f"{pooled}, {outcome} tends to follow engagement by about {k} {_weeks(k)}: "
            f"{k} {_weeks(k)} after a team's engagement is {PER} points above its usual level, "
            f"its {outcome} is on average {size}."
        )
    if result.lag < 0:
        return (
            f"{pooled}, engagement tends to follow {outcome} by about {k} {_weeks(k)}: "
            f"{k} {_weeks(k)} before a team's engagement is {PER} points above its usual level, "
            f"its {outcome} was on average {size}."
        )
    return (
        f"{pooled}, engagement and {outcome} move together in the same week: in a week when a team's "
        f"engagement is {PER} points above its usual level, its {outcome} is on average {size}."
    )
