from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from benchmarks.pooled_power import planted_effect, simulate
from engage.analytics.pooled import VERDICT_NONE, VERDICT_NOT_ENOUGH, VERDICT_RELATIONSHIP, pooled_lagged
from engage.analytics.wild_cluster import (
    MIN_TEAMS_FOR_SIGNS,
    WEBB_WEIGHTS,
    TwoWay,
    bootstrap_weights,
    cr1_fit,
    wild_cluster_t,
)

MONDAY = date(2025, 1, 6)


def weekly(values, first: int = 0) -> pd.Series:
    weeks = [MONDAY + timedelta(weeks=first + i) for i in range(len(values))]
    return pd.Series(values, index=pd.Index(weeks), dtype=float)


def linked_teams(teams: int, weeks: int, lag: int, noise: float, seed: int = 1) -> dict:
    """Each team's CSAT % = its engagement `lag` weeks earlier / 2 + its own level + noise."""
    rng = np.random.default_rng(seed)
    series = {}
    for team in range(teams):
        engagement = 60 + 10 * rng.normal(size=weeks + abs(lag)) + 15 * rng.normal()
        csat = 80 + 5 * rng.normal() + noise * rng.normal(size=weeks + abs(lag))
        if lag >= 0:
            csat[lag:] += engagement[: len(engagement) - lag] / 2
        else:
            engagement[-lag:] += 2 * (csat[: len(csat) + lag] - 80)
        series[team] = (weekly(engagement[abs(lag) :]), weekly(csat[abs(lag) :]))
    return series


def panel(series: dict, lag: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Pairs at a lag, by the module docstring's convention, with each pair's team and engagement week."""
    x, y, g, w = [], [], [], []
    for team, (engagement, csat) in series.items():
        for week, value in engagement.items():
            later = week + timedelta(weeks=lag)
            if later in csat.index and not np.isnan(value) and not np.isnan(csat[later]):
                x.append(value)
                y.append(csat[later])
                g.append(team)
                w.append(week)
    return np.array(x), np.array(y), np.array(g), np.unique(np.array(w), return_inverse=True)[1]


def dummies(codes: np.ndarray, drop_first: bool = False) -> np.ndarray:
    return (codes[:, None] == np.arange(int(drop_first), codes.max() + 1)[None, :]).astype(float)


def fixed_effects(g: np.ndarray, w: np.ndarray) -> np.ndarray:
    """A dummy per team and per week but the first: the regression the within transformation stands for."""
    return np.column_stack([dummies(g), dummies(w, drop_first=True)])


def double_demeaned(values: np.ndarray, teams: int) -> np.ndarray:
    """A balanced panel (rows team by team) less team means and week means, plus the grand mean."""
    grid = values.reshape(teams, -1)
    return (grid - grid.mean(axis=1, keepdims=True) - grid.mean(axis=0) + grid.mean()).ravel()


@pytest.mark.parametrize("lag", [2, -3, 0])
def test_the_planted_lag_is_found_with_the_sign_of_the_per_team_analysis(lag):
    analysis = pooled_lagged(linked_teams(12, 30, lag, noise=8))
    assert analysis.verdict == VERDICT_RELATIONSHIP
    assert analysis.best.lag == lag
    assert (analysis.teams, analysis.weeks) == (12, 30)


def test_the_slope_is_the_two_way_within_estimator_and_the_dummy_regression():
    series = linked_teams(10, 20, 2, noise=8)
    lag2 = next(lag for lag in pooled_lagged(series).lags if lag.lag == 2)
    x, y, g, w = panel(series, 2)
    by_hand = double_demeaned(x, 10), double_demeaned(y, 10)
    assert lag2.effect == pytest.approx(10 * (by_hand[0] @ by_hand[1]) / (by_hand[0] @ by_hand[0]), rel=1e-9)
    with_dummies = sm.OLS(y, np.column_stack([x, fixed_effects(g, w)])).fit()
    assert lag2.effect == pytest.approx(10 * with_dummies.params[0], rel=1e-9)
    assert (lag2.teams, lag2.team_weeks, lag2.weeks) == (10, 10 * 18, 18)


def test_two_way_residuals_on_an_unbalanced_panel_are_those_of_the_dummy_regression():
    rng = np.random.default_rng(5)
    g, w = np.repeat(np.arange(9), 12), np.tile(np.arange(12), 9)
    kept = rng.random(len(g)) > 0.3
    g, w = g[kept], w[kept]
    values = rng.normal(size=len(g)) + g + np.sin(w)
    by_dummies = sm.OLS(values, fixed_effects(g, w)).fit().resid
    assert TwoWay(g, w).residuals(values) == pytest.approx(by_dummies, abs=1e-9)


def test_the_t_statistic_uses_the_cluster_sandwich_computed_by_hand():
    series = linked_teams(9, 24, 1, noise=30, seed=4)
    lag1 = next(lag for lag in pooled_lagged(series).lags if lag.lag == 1)
    x, y, g, _ = panel(series, 1)
    codes = np.unique(g, return_inverse=True)[1]
    xw, yw = double_demeaned(x, 9), double_demeaned(y, 9)
    slope = xw @ yw / (xw @ xw)
    scores = np.array([xw[codes == c] @ (yw - slope * xw)[codes == c] for c in range(9)])
    se = np.sqrt(9 / 8 * (scores**2).sum()) / (xw @ xw)  # CR1: G / (G - 1), nothing for the nested team means
    assert lag1.t == pytest.approx(slope / se, rel=1e-9)


@pytest.mark.parametrize("teams", [8, 16])
def test_the_bootstrap_t_is_statsmodels_refitted_with_both_fixed_effects_on_each_reweighted_sample(teams):
    series = linked_teams(teams, 20, 0, noise=20, seed=3)
    engagement, csat = series[1]
    series[1] = (engagement.drop(engagement.index[[3, 11]]), csat)  # an unbalanced panel
    x, y, g, w = panel(series, 0)
    codes = np.unique(g, return_inverse=True)[1]
    effects = fixed_effects(codes, w)
    restricted = sm.OLS(y, effects).fit().resid  # the null (slope 0) imposed
    fe = TwoWay(codes, w)
    weights = bootstrap_weights(teams, seed=1)[:5]
    fast = wild_cluster_t(fe, fe.residuals(x), fe.residuals(y), weights)
    # statsmodels counts every dummy in its (N - 1) / (N - K) factor; CR1 here counts none of them
    n, k = len(y), 1 + effects.shape[1]
    for row, t in zip(weights, fast, strict=True):
        refit = sm.OLS(row[codes] * restricted, np.column_stack([x, effects])).fit(
            cov_type="cluster", cov_kwds={"groups": codes}
        )
        assert t * np.sqrt((n - k) / (n - 1)) == pytest.approx(refit.tvalues[0], rel=1e-9)
    assert cr1_fit(fe, fe.residuals(x), fe.residuals(y)).t * np.sqrt((n - k) / (n - 1)) == pytest.approx(
        sm.OLS(y, np.column_stack([x, effects]))
        .fit(cov_type="cluster", cov_kwds={"groups": codes})
        .tvalues[0],
        rel=1e-9,
    )


def test_signs_from_fifteen_teams_webb_weights_below():
    assert set(np.unique(bootstrap_weights(MIN_TEAMS_FOR_SIGNS, seed=2))) == {-1.0, 1.0}
    assert set(np.unique(bootstrap_weights(MIN_TEAMS_FOR_SIGNS - 1, seed=2))) == set(WEBB_WEIGHTS)


def test_a_dip_every_team_shares_in_the_same_weeks_is_not_a_link():
    """A holiday season that lowers every team's engagement and CSAT alike: team means alone would call it
    a same-week link; the week means take it out."""
    rng = np.random.default_rng(8)
    season = 12 * np.sin(np.arange(40) / 40 * 2 * np.pi)
    series = {
        team: (
            weekly(60 + season + 6 * rng.normal(size=40) + 10 * rng.normal()),
            weekly(80 + season + 6 * rng.normal(size=40)),
        )
        for team in range(30)
    }
    analysis = pooled_lagged(series)
    assert analysis.verdict == VERDICT_NONE
    x, y, g, _ = panel(series, 0)
    codes = np.unique(g, return_inverse=True)[1]
    team_means_only = sm.OLS(y, np.column_stack([x, dummies(codes)])).fit(
        cov_type="cluster", cov_kwds={"groups": codes}
    )
    assert team_means_only.pvalues[0] < 1e-6


def test_a_withheld_week_is_a_gap_not_a_neighbour():
    series = linked_teams(10, 24, 2, noise=8)
    engagement, csat = series[0]
    series[0] = (engagement.drop(engagement.index[5]), csat)
    x, _, _, _ = panel(series, 2)
    lag2 = next(lag for lag in pooled_lagged(series).lags if lag.lag == 2)
    assert lag2.team_weeks == len(x) == 10 * 22 - 1


def test_too_few_teams_is_not_enough_data():
    analysis = pooled_lagged(linked_teams(7, 30, 2, noise=8))
    assert analysis.verdict == VERDICT_NOT_ENOUGH
    assert analysis.lags == [] and analysis.best is None
    assert "7 teams have at least 8 weeks" in analysis.reading
    assert pooled_lagged({}).verdict == VERDICT_NOT_ENOUGH


def test_unrelated_teams_give_no_reliable_relationship():
    rng = np.random.default_rng(9)
    series = {
        t: (weekly(60 + 10 * rng.normal(size=30)), weekly(80 + 8 * rng.normal(size=30))) for t in range(15)
    }
    analysis = pooled_lagged(series)
    assert analysis.verdict == VERDICT_NONE
    assert analysis.best is None
    assert all(lag.p_adjusted >= lag.p for lag in analysis.lags)
    assert "no reliable link" in analysis.reading


def test_a_small_power_run_finds_the_lag_and_stays_quiet_without_one():
    """A quick version of benchmarks/pooled_power.py: 20 companies at r = 0.4, 26 weeks."""
    a = planted_effect(0.4, weeks=26, pilot_teams=300)
    found = [pooled_lagged(simulate(seed, a, weeks=26).series).best for seed in range(20)]
    assert sum(best is not None and best.lag == 2 for best in found) >= 19
    claims = [pooled_lagged(simulate(1000 + seed, 0.0, weeks=26).series).verdict for seed in range(20)]
    assert claims.count(VERDICT_RELATIONSHIP) <= 2
