import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from engage.analytics.correlation import (
    ALPHA,
    VERDICT_NOT_ENOUGH,
    VERDICT_NOT_ENOUGH_EVIDENCE,
    VERDICT_RELATIONSHIP,
    detectable_r,
    effective_n,
    holm,
    lagged_correlation,
)


def weekly(values) -> pd.Series:
    return pd.Series(values, index=pd.date_range("2025-01-06", periods=len(values), freq="7D").date)


def by_formula(x, y) -> float:
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy)


ENGAGEMENT = [62, 70, 58, 75, 66, 61, 73, 69, 57, 64, 71, 60, 68, 74, 59, 65]
CSAT = [80, 77, 85, 72, 88, 79, 75, 86, 81, 70, 83, 87, 74, 78, 84, 76]


def test_lag_zero_matches_hand_computation():
    analysis = lagged_correlation(weekly(ENGAGEMENT), weekly(CSAT), min_periods=12)
    zero = next(lag for lag in analysis.lags if lag.lag == 0)
    r = by_formula(ENGAGEMENT, CSAT)
    assert zero.n == 16
    assert zero.pearson.r == pytest.approx(r, abs=1e-12)

    r1 = by_formula(ENGAGEMENT[:-1], ENGAGEMENT[1:])
    r2 = by_formula(CSAT[:-1], CSAT[1:])
    n_eff = min(16, 16 * (1 - r1 * r2) / (1 + r1 * r2))
    assert zero.n_eff == pytest.approx(n_eff)
    half = 1.959964 / math.sqrt(n_eff - 3)
    assert zero.pearson.ci_low == pytest.approx(math.tanh(math.atanh(r) - half), abs=1e-6)
    assert zero.pearson.ci_high == pytest.approx(math.tanh(math.atanh(r) + half), abs=1e-6)
    t = r * math.sqrt((n_eff - 2) / (1 - r * r))
    assert zero.pearson.p == pytest.approx(2 * stats.t.sf(abs(t), n_eff - 2))
    assert zero.spearman.r == pytest.approx(stats.spearmanr(ENGAGEMENT, CSAT).statistic)


def test_positive_lag_pairs_engagement_with_later_csat():
    analysis = lagged_correlation(weekly(ENGAGEMENT), weekly(CSAT), min_periods=12)
    plus2 = next(lag for lag in analysis.lags if lag.lag == 2)
    minus3 = next(lag for lag in analysis.lags if lag.lag == -3)
    assert plus2.n == 14 and plus2.pearson.r == pytest.approx(by_formula(ENGAGEMENT[:-2], CSAT[2:]))
    assert minus3.n == 13 and minus3.pearson.r == pytest.approx(by_formula(ENGAGEMENT[3:], CSAT[:-3]))
    assert [lag.lag for lag in analysis.lags] == [-4, -3, -2, -1, 0, 1, 2, 3, 4]  # n >= 12 only


def test_holm_by_hand():
    assert holm([0.01, 0.04, 0.03, 0.20]) == pytest.approx([0.04, 0.09, 0.09, 0.20])


def test_effective_n_shrinks_with_shared_autocorrelation():
    assert effective_n(50, 0.0, 0.9) == 50
    assert effective_n(50, 0.6, 0.5) == pytest.approx(50 * 0.7 / 1.3)
    assert effective_n(50, 0.6, -0.5) == 50  # never more than n


def test_not_enough_weeks():
    analysis = lagged_correlation(weekly(ENGAGEMENT[:11]), weekly(CSAT[:11]))
    assert analysis.verdict == VERDICT_NOT_ENOUGH
    assert analysis.best is None
    assert "Not enough data" in analysis.reading


def planted(lag: int, seed: int, weeks: int = 60, noise: float = 0.6) -> tuple[pd.Series, pd.Series]:
    """A shared weekly signal; CSAT sees it `lag` weeks after engagement (negative: before)."""
    rng = np.random.default_rng(seed)
    signal = rng.normal(size=weeks + 20)
    start = 10
    engagement = 70 + 8 * signal[start : start + weeks] + rng.normal(scale=noise * 8, size=weeks)
    csat = 80 + 6 * signal[start - lag : start - lag + weeks] + rng.normal(scale=noise * 6, size=weeks)
    return weekly(engagement), weekly(csat)


@pytest.mark.parametrize("seed", range(5))
def test_csat_following_engagement_by_two_weeks_gives_lag_plus_two(seed):
    analysis = lagged_correlation(*planted(2, seed))
    assert analysis.verdict == VERDICT_RELATIONSHIP
    assert analysis.best.lag == 2
    assert analysis.best.pearson.ci_low > 0.3
    assert analysis.reading.startswith("CSAT tends to follow engagement by about 2 weeks")
    assert f"r = {analysis.best.pearson.r:.2f}" in analysis.reading


@pytest.mark.parametrize("seed", range(5))
def test_csat_leading_engagement_by_three_weeks_gives_lag_minus_three(seed):
    analysis = lagged_correlation(*planted(-3, seed))
    assert analysis.best is not None and analysis.best.lag == -3
    assert analysis.reading.startswith("Engagement tends to follow CSAT by about 3 weeks")


def ar1(rng, n: int, phi: float) -> np.ndarray:
    out = np.zeros(n)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + rng.normal()
    return out


def test_autocorrelated_noise_gives_no_reliable_relationship_in_most_seeds():
    found = 0
    for seed in range(200):
        rng = np.random.default_rng(1000 + seed)
        analysis = lagged_correlation(weekly(ar1(rng, 52, 0.6)), weekly(ar1(rng, 52, 0.6)))
        found += analysis.verdict != VERDICT_NOT_ENOUGH_EVIDENCE
    assert found <= 12  # a family-wise 5% error rate: about 10 in 200 at most


def test_without_correction_the_same_noise_would_often_look_related():
    """Why the corrections matter: the raw best-of-17 p-value is under 0.05 far more often."""
    naive = 0
    for seed in range(100):
        rng = np.random.default_rng(1000 + seed)
        x, y = ar1(rng, 52, 0.6), ar1(rng, 52, 0.6)
        best = min(
            stats.pearsonr(x[max(0, -k) : 52 - max(0, k)], y[max(0, k) : 52 - max(0, -k)]).pvalue
            for k in range(-8, 9)
        )
        naive += best < 0.05
    assert naive > 30  # against about 3 of 100 with the corrections


def test_gaps_are_left_out():
    e, c = planted(2, 7)
    e.iloc[[5, 6, 30]] = np.nan
    analysis = lagged_correlation(e, c)
    assert analysis.n_periods == 57
    assert analysis.best.lag == 2


def test_ranks_share_ties():
    from engage.analytics.correlation import ranks

    assert list(ranks(np.array([10.0, 20.0, 10.0, 5.0]))) == [2.5, 4.0, 2.5, 1.0]


def test_benjamini_hochberg_by_hand():
    from engage.analytics.correlation import benjamini_hochberg

    # sorted p: 0.01, 0.02, 0.03, 0.5 -> 0.04, 0.04, 0.04, 0.5 (each p * 4 / rank, then running minimum)
    assert benjamini_hochberg([0.03, 0.5, 0.01, 0.02]) == pytest.approx([0.04, 0.5, 0.04, 0.04])


def test_a_week_missing_from_both_series_still_counts_as_a_week():
    """Withheld weeks are left out of the series; lag k must still pair weeks k calendar weeks apart."""
    e, c = planted(2, 7)
    with_gap = e.copy(), c.copy()
    for series in with_gap:
        series.iloc[[20, 21, 40]] = np.nan
    dropped = [series.dropna() for series in with_gap]
    assert dropped[0].index.equals(dropped[1].index)  # the weeks are gone from both, not just NaN
    assert lagged_correlation(*dropped) == lagged_correlation(*with_gap)


def with_exact_r(x: np.ndarray, r: float, rng) -> np.ndarray:
    """A series whose sample Pearson correlation with x is exactly r."""
    dx = (x - x.mean()) / np.linalg.norm(x - x.mean())
    z = rng.normal(size=len(x))
    z -= z.mean() + (z @ dx) * dx
    return r * dx + np.sqrt(1 - r * r) * z / np.linalg.norm(z)


@pytest.mark.parametrize(("n", "lags"), [(26, 17), (52, 17), (15, 7)])
def test_detectable_r_is_where_the_holm_adjusted_p_of_the_best_lag_reaches_alpha(n, lags):
    """Checked against scipy's own test of Pearson's r (independent weeks, so n_eff = n)."""
    threshold = detectable_r(n, lags)
    rng = np.random.default_rng(n)
    x = rng.normal(size=n)
    assert stats.pearsonr(x, with_exact_r(x, threshold, rng)).pvalue * lags == pytest.approx(ALPHA, rel=1e-6)
    assert stats.pearsonr(x, with_exact_r(x, threshold + 0.01, rng)).pvalue * lags < ALPHA
    assert stats.pearsonr(x, with_exact_r(x, threshold - 0.01, rng)).pvalue * lags > ALPHA
    assert holm([stats.pearsonr(x, with_exact_r(x, threshold, rng)).pvalue] + [0.9] * (lags - 1))[
        0
    ] == pytest.approx(ALPHA, rel=1e-6)


def test_nothing_found_says_not_enough_evidence_and_what_could_have_been_seen():
    rng = np.random.default_rng(3)
    analysis = lagged_correlation(weekly(ar1(rng, 26, 0.6)), weekly(ar1(rng, 26, 0.6)))
    assert analysis.verdict == VERDICT_NOT_ENOUGH_EVIDENCE
    lags = len(analysis.lags)
    assert analysis.detectable_r == pytest.approx(min(detectable_r(lag.n_eff, lags) for lag in analysis.lags))
    assert 0.5 < analysis.detectable_r < 0.9  # 26 drifting weeks can only show a strong link
    most = max(lag.n_eff for lag in analysis.lags)
    assert analysis.reading == (
        f"Not enough evidence yet: 26 weeks (worth about {most:.0f} independent ones, as both series drift "
        f"slowly) can only show a correlation of |r| of at least {analysis.detectable_r:.2f} once {lags} "
        "lags are tried; a weaker link may still be there."
    )
    assert "no reliable relationship" not in analysis.reading.lower()
    # Any lag at least that strong would have counted.
    widest = max(analysis.lags, key=lambda lag: lag.n_eff)
    t = analysis.detectable_r * np.sqrt((widest.n_eff - 2) / (1 - analysis.detectable_r**2))
    assert 2 * stats.t.sf(t, widest.n_eff - 2) * lags == pytest.approx(ALPHA)


def monthly(values) -> pd.Series:
    return pd.Series(values, index=pd.date_range("2024-01-01", periods=len(values), freq="MS").date)


def test_monthly_pairing_lags_in_months():
    rng = np.random.default_rng(11)
    signal = rng.normal(size=40)
    engagement = 70 + 8 * signal[4:34] + rng.normal(scale=2, size=30)
    # month t's CSAT follows month t-1's engagement
    csat = 80 + 6 * signal[3:33] + rng.normal(scale=1.5, size=30)
    analysis = lagged_correlation(monthly(engagement), monthly(csat), "month")
    assert [lag.lag for lag in analysis.lags] == [-3, -2, -1, 0, 1, 2, 3]
    assert (analysis.verdict, analysis.best.lag, analysis.pairing) == (VERDICT_RELATIONSHIP, 1, "month")
    assert analysis.reading.startswith("CSAT tends to follow engagement by about 1 month: ")
    plus1 = next(lag for lag in analysis.lags if lag.lag == 1)
    assert plus1.n == 29 and plus1.pearson.r == pytest.approx(by_formula(engagement[:-1], csat[1:]))


def test_a_missing_month_is_a_gap_not_a_shift():
    rng = np.random.default_rng(12)
    e, c = monthly(rng.normal(size=24)), monthly(rng.normal(size=24))
    dropped = e.drop(e.index[10]), c.drop(c.index[10])
    gapped = e.copy(), c.copy()
    gapped[0].iloc[10] = gapped[1].iloc[10] = np.nan
    assert lagged_correlation(*dropped, "month") == lagged_correlation(*gapped, "month")


def test_too_few_months_is_not_enough_data():
    analysis = lagged_correlation(monthly(range(12)), monthly(range(12)), "month")  # lag 0 only reaches 12
    assert [lag.lag for lag in analysis.lags] == [0]
    short = lagged_correlation(monthly(range(7)), monthly(range(7)), "month")
    assert (short.verdict, short.lags, short.detectable_r) == (VERDICT_NOT_ENOUGH, [], None)
    assert short.reading == (
        "Not enough data: 7 months with both engagement and CSAT shown; at least 12 are "
        "needed (plus the lags); widen the date range."
    )
