"""The all-lags-at-once statistics equal scipy's lag by lag."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from engage.analytics.correlation import Z_95, effective_n, lag1_autocorrelation, lagged_correlation


def pairs(e: np.ndarray, c: np.ndarray, lag: int) -> tuple[np.ndarray, np.ndarray]:
    x, y = (e[: len(e) - lag], c[lag:]) if lag >= 0 else (e[-lag:], c[: len(c) + lag])
    keep = ~(np.isnan(x) | np.isnan(y))
    return x[keep], y[keep]


def p_by_scipy(r: float, n_eff: float) -> float:
    if n_eff <= 3:
        return 1.0
    t = r * np.sqrt((n_eff - 2) / (1 - r * r))
    return float(2 * stats.t.sf(abs(t), n_eff - 2))


def interval(r: float, n_eff: float, factor: float) -> tuple[float, float]:
    z, half = np.arctanh(r), Z_95 * np.sqrt(factor / (n_eff - 3))
    return float(np.tanh(z - half)), float(np.tanh(z + half))


@pytest.mark.parametrize("seed", range(8))
def test_every_lag_matches_scipy(seed):
    rng = np.random.default_rng(seed)
    weeks = int(rng.integers(14, 60))
    e = rng.normal(70, 8, weeks).round(int(rng.integers(0, 2)))  # rounding makes ties for Spearman
    c = (0.4 * np.roll(e, int(rng.integers(-3, 4))) + rng.normal(50, 6, weeks)).round(1)
    e[rng.choice(weeks, size=weeks // 8, replace=False)] = np.nan
    c[rng.choice(weeks, size=weeks // 10, replace=False)] = np.nan
    index = pd.date_range("2025-01-06", periods=weeks, freq="7D").date
    analysis = lagged_correlation(pd.Series(e, index=index), pd.Series(c, index=index))

    r1, r2 = lag1_autocorrelation(e), lag1_autocorrelation(c)
    expected = [k for k in range(-8, 9) if len(pairs(e, c, k)[0]) >= 12]
    assert [lag.lag for lag in analysis.lags] == expected
    assert expected, "the random series should leave some lags to test"
    for lag in analysis.lags:
        x, y = pairs(e, c, lag.lag)
        n_eff = effective_n(len(x), r1, r2)
        assert (lag.n, lag.n_eff) == (len(x), pytest.approx(n_eff, abs=1e-12))
        for result, r, factor in (
            (lag.pearson, stats.pearsonr(x, y).statistic, 1.0),
            (lag.spearman, stats.spearmanr(x, y).statistic, 1.06),
        ):
            assert result.r == pytest.approx(r, abs=1e-9)
            assert result.p == pytest.approx(p_by_scipy(r, n_eff), abs=1e-9)
            assert (result.ci_low, result.ci_high) == pytest.approx(interval(r, n_eff, factor), abs=1e-9)
    raw = [lag.pearson.p for lag in analysis.lags]
    assert [lag.pearson.p_adjusted for lag in analysis.lags] == pytest.approx(holm_by_hand(raw), abs=1e-12)


def holm_by_hand(p: list[float]) -> list[float]:
    order = np.argsort(p, kind="stable")
    adjusted = np.maximum.accumulate([min(1.0, (len(p) - i) * p[j]) for i, j in enumerate(order)])
    result = np.empty(len(p))
    result[order] = adjusted
    return result.tolist()
