from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from benchmarks.pooled_power import planted_effect, simulate
from engage.analytics.pooled import (
    VERDICT_NONE,
    VERDICT_NOT_ENOUGH,
    VERDICT_RELATIONSHIP,
    bootstrap_weights,
    pooled_lagged,
    wild_cluster_t,
    within,
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


def panel(series: dict, lag: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs at a lag, by the module docstring's convention, with each pair's team."""
    x, y, g = [], [], []
    for team, (engagement, csat) in series.items():
        for week, value in engagement.items():
            later = week + timedelta(weeks=lag)
            if later in csat.index and not np.isnan(value) and not np.isnan(csat[later]):
                x.append(value)
                y.append(csat[later])
                g.append(team)
    return np.array(x), np.array(y), np.array(g)


@pytest.mark.parametrize("lag", [2, -3, 0])
def test_the_planted_lag_is_found_with_the_sign_of_the_per_team_analysis(lag):
    analysis = pooled_lagged(linked_teams(12, 30, lag, noise=8))
    assert analysis.verdict == VERDICT_RELATIONSHIP
    assert analysis.best.lag == lag
    assert (analysis.teams, analysis.weeks) == (12, 30)


def test_the_slope_is_the_within_estimator_and_the_dummy_regression():
    series = linked_teams(10, 20, 2, noise=8)
    lag2 = next(lag for lag in pooled_lagged(series).lags if lag.lag == 2)
    x, y, g = panel(series, 2)
    by_hand = (
        np.concatenate([x[g == t] - x[g == t].mean() for t in range(10)]),
        np.concatenate([y[g == t] - y[g == t].mean() for t in range(10)]),
    )
    assert lag2.effect == pytest.approx(10 * (by_hand[0] @ by_hand[1]) / (by_hand[0] @ by_hand[0]), rel=1e-9)
    dummies = (g[:, None] == np.arange(10)[None, :]).astype(float)
    with_dummies = sm.OLS(y, np.column_stack([x, dummies])).fit()
    assert lag2.effect == pytest.approx(10 * with_dummies.params[0], rel=1e-9)
    assert (lag2.teams, lag2.team_weeks, lag2.weeks) == (10, 10 * 18, 18)


def test_the_t_statistic_uses_the_cluster_sandwich_computed_by_hand():
    series = linked_teams(9, 24, 1, noise=30, seed=4)
    lag1 = next(lag for lag in pooled_lagged(series).lags if lag.lag == 1)
    x, y, g = panel(series, 1)
    codes = np.unique(g, return_inverse=True)[1]
    xw, yw = within(x, codes), within(y, codes)
    slope = xw @ yw / (xw @ xw)
    scores = np.array([xw[codes == c] @ (yw - slope * xw)[codes == c] for c in range(9)])
    se = np.sqrt(9 / 8 * (scores**2).sum()) / (xw @ xw)  # CR1: G / (G - 1), K = 1 once demeaned
    assert lag1.t == pytest.approx(slope / se, rel=1e-9)


def test_the_bootstrap_t_is_statsmodels_refitted_on_each_reweighted_sample():
    series = linked_teams(8, 20, 0, noise=20, seed=3)
    x, y, g = panel(series, 0)
    codes = np.unique(g, return_inverse=True)[1]
    xw, yw = within(x, codes), within(y, codes)
    weights = bootstrap_weights(8, seed=1)[:5]
    fast = wild_cluster_t(xw, yw, codes, weights)
    for row, t in zip(weights, fast, strict=True):
        refit = sm.OLS(row[codes] * yw, xw[:, None]).fit(cov_type="cluster", cov_kwds={"groups": codes})
        assert t == pytest.approx(refit.tvalues[0], rel=1e-9)


def test_a_withheld_week_is_a_gap_not_a_neighbour():
    series = linked_teams(10, 24, 2, noise=8)
    engagement, csat = series[0]
    series[0] = (engagement.drop(engagement.index[5]), csat)
    x, _, _ = panel(series, 2)
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
