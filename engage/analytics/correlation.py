"""Lagged correlation between a team's engagement and a customer outcome (CSAT% by default), per week or
month.

Lag k > 0 pairs engagement in period t with CSAT in period t + k (engagement leads CSAT);
k < 0 pairs CSAT in period t with engagement in period t + |k| (CSAT leads engagement).

Weekly series are autocorrelated, so p-values and intervals use an effective sample size
(Bartlett / Bretherton et al. 1999): n_eff = n (1 - r1 r2) / (1 + r1 r2), with r1, r2 the lag-1
autocorrelations of the two series. Picking the best of many lags is a multiple comparison, so
per-lag p-values are Holm-adjusted across the lags tested; a lag counts only when its adjusted
p-value is under ALPHA. When none does, the reading gives the smallest |r| the periods could have
shown: the one at which the best lag's Holm-adjusted p-value would reach ALPHA.
"""

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import special

from engage.analytics.periods import period_starts

Pairing = Literal["week", "month"]
PAIRINGS: tuple[Pairing, ...] = ("week", "month")
MAX_LAG: dict[Pairing, int] = {"week": 8, "month": 3}
MIN_PERIODS = 12
ALPHA = 0.05
Z_95 = 1.959963984540054

VERDICT_RELATIONSHIP = "relationship"
VERDICT_NOT_ENOUGH_EVIDENCE = "not_enough_evidence"
VERDICT_NOT_ENOUGH = "not_enough_data"
VERDICT_WITHHELD = "withheld"
VERDICTS = (VERDICT_RELATIONSHIP, VERDICT_NOT_ENOUGH_EVIDENCE, VERDICT_NOT_ENOUGH, VERDICT_WITHHELD)


@dataclass(frozen=True)
class Correlation:
    r: float
    p: float
    p_adjusted: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class LagResult:
    lag: int
    n: int
    n_eff: float
    pearson: Correlation
    spearman: Correlation | None
    significant: bool


@dataclass(frozen=True)
class LagAnalysis:
    """n_periods: periods with both series; detectable_r: the smallest |r| that would have counted."""

    verdict: str
    reading: str
    n_periods: int
    lags: list[LagResult]
    best: LagResult | None
    min_periods: int = MIN_PERIODS
    alpha: float = ALPHA
    pairing: Pairing = "week"
    detectable_r: float | None = None


def lag1_autocorrelation(values: np.ndarray) -> float:
    """Pearson correlation of a series with itself one step later (pairs with a gap are skipped)."""
    x, y = values[:-1], values[1:]
    keep = ~(np.isnan(x) | np.isnan(y))
    if keep.sum() < 3:
        return 0.0
    r = pearson(x[keep], y[keep])
    return 0.0 if np.isnan(r) else r


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    dx, dy = x - x.mean(), y - y.mean()
    denominator = np.sqrt((dx * dx).sum() * (dy * dy).sum())
    if denominator == 0:
        return float("nan")
    return float((dx * dy).sum() / denominator)


def ranks(values: np.ndarray) -> np.ndarray:
    """Ranks from 1, ties sharing their average rank (as Spearman's rho needs)."""
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    upper = np.cumsum(counts)
    return (upper - (counts - 1) / 2)[inverse]


def effective_n(n: int, r1: float, r2: float) -> float:
    """Bartlett's effective sample size for correlating two autocorrelated series, capped at n."""
    product = max(-0.999, min(0.999, r1 * r2))
    return min(float(n), n * (1 - product) / (1 + product))


def p_values(r: np.ndarray, n_eff: np.ndarray) -> np.ndarray:
    """Two-sided p-values of each r under no correlation, by Student's t with n_eff - 2 degrees of freedom."""
    usable = (n_eff > 3) & ~np.isnan(r)
    inside = usable & (np.abs(r) < 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = r * np.sqrt((n_eff - 2) / (1 - r * r))
        p = 2 * special.stdtr(n_eff - 2, -np.abs(t))
    return np.where(inside, p, np.where(usable, 0.0, 1.0))


def fisher_intervals(r: np.ndarray, n_eff: np.ndarray, variance_factor: float = 1.0) -> np.ndarray:
    """95% intervals (rows: low, high) by Fisher's z; variance_factor 1.06 for Spearman (Fieller 1957)."""
    usable = (n_eff > 3) & ~np.isnan(r)
    z = np.arctanh(np.clip(r, -0.999999, 0.999999))
    with np.errstate(divide="ignore", invalid="ignore"):
        half = Z_95 * np.sqrt(variance_factor / (n_eff - 3))
    low, high = np.tanh(z - half), np.tanh(z + half)
    return np.column_stack([np.where(usable, low, -1.0), np.where(usable, high, 1.0)])


def holm(p_values: list[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values, in the input order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def benjamini_hochberg(p_values: list[float]) -> list[float]:
    """Benjamini-Hochberg q-values (false discovery rate), in the input order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i], reverse=True)
    q = [0.0] * m
    running = 1.0
    for position, i in enumerate(order):
        rank = m - position
        running = min(running, p_values[i] * m / rank)
        q[i] = running
    return q


def detectable_r(n_eff: float, lags_tried: int, alpha: float = ALPHA) -> float:
    """The |r| at which a lag's p-value, Holm-adjusted as the smallest of lags_tried, equals alpha."""
    df = n_eff - 2
    t = special.stdtrit(df, 1 - alpha / (2 * lags_tried))
    return float(t / np.sqrt(t * t + df))


def smallest_p(analysis: LagAnalysis) -> float | None:
    """The smallest Holm-adjusted Pearson p-value over the lags tested (None: nothing tested)."""
    return min((lag.pearson.p_adjusted for lag in analysis.lags), default=None)


def lag_matrices(engagement: np.ndarray, csat: np.ndarray, lags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row i pairs the series at lags[i] (see the module docstring); unpaired cells are NaN."""
    n = len(engagement)
    x, y = np.full((len(lags), n), np.nan), np.full((len(lags), n), np.nan)
    for i, lag in enumerate(lags):
        if abs(lag) >= n:
            continue
        if lag >= 0:
            x[i, : n - lag], y[i, : n - lag] = engagement[: n - lag], csat[lag:]
        else:
            x[i, : n + lag], y[i, : n + lag] = engagement[-lag:], csat[: n + lag]
    both = ~(np.isnan(x) | np.isnan(y))
    return np.where(both, x, np.nan), np.where(both, y, np.nan)


def row_pearson(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pearson's r of each row pair over the cells where both are present (NaN cells left out)."""
    both = ~(np.isnan(x) | np.isnan(y))
    count = both.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        dx = np.where(both, x - (np.where(both, x, 0).sum(axis=1) / count)[:, None], 0)
        dy = np.where(both, y - (np.where(both, y, 0).sum(axis=1) / count)[:, None], 0)
        denominator = np.sqrt((dx * dx).sum(axis=1) * (dy * dy).sum(axis=1))
        return np.where(denominator == 0, np.nan, (dx * dy).sum(axis=1) / denominator)


def row_ranks(values: np.ndarray) -> np.ndarray:
    """Each row's present values ranked as `ranks` does; NaN cells stay NaN."""
    ranked = np.full(values.shape, np.nan)
    for i, row in enumerate(values):
        present = ~np.isnan(row)
        if present.any():
            ranked[i, present] = ranks(row[present])
    return ranked


def every_period(periods: pd.Index, pairing: Pairing = "week") -> pd.Index:
    """Every period start from the first to the last, so a period missing from both series is a gap."""
    if periods.empty:
        return periods
    return pd.Index(period_starts(periods.min(), periods.max(), pairing))


def lagged_correlation(
    engagement: pd.Series,
    csat: pd.Series,
    pairing: Pairing = "week",
    min_periods: int = MIN_PERIODS,
    alpha: float = ALPHA,
    spearman: bool = True,
    outcome: str = "CSAT",
) -> LagAnalysis:
    """Correlate two series of week (or month) starts, a missing period NaN or left out, at lags
    -MAX_LAG..+MAX_LAG periods of the pairing.

    The verdict rests on Pearson's r; spearman=False skips Spearman's (for quick comparisons); outcome
    names the second series in the reading.
    """
    periods = every_period(engagement.index.union(csat.index), pairing)
    e = engagement.reindex(periods).astype(float).to_numpy()
    c = csat.reindex(periods).astype(float).to_numpy()
    n_periods = int((~np.isnan(e) & ~np.isnan(c)).sum())
    r1, r2 = lag1_autocorrelation(e), lag1_autocorrelation(c)

    lags = np.arange(-MAX_LAG[pairing], MAX_LAG[pairing] + 1)
    x, y = lag_matrices(e, c, lags)
    counts = (~np.isnan(x)).sum(axis=1)
    r_p = row_pearson(x, y)
    tested = (counts >= min_periods) & ~np.isnan(r_p)
    if not tested.any():
        reading = not_enough_reading(n_periods, min_periods, pairing, outcome)
        return LagAnalysis(VERDICT_NOT_ENOUGH, reading, n_periods, [], None, min_periods, alpha, pairing)
    lags, counts, x, y, r_p = lags[tested], counts[tested], x[tested], y[tested], r_p[tested]
    n_eff = np.array([effective_n(int(n), r1, r2) for n in counts])
    pearson_p = p_values(r_p, n_eff)
    pearson_adj = holm(pearson_p.tolist())
    pearson_ci = fisher_intervals(r_p, n_eff)
    if spearman:
        r_s = row_pearson(row_ranks(x), row_ranks(y))
        spearman_p = p_values(r_s, n_eff)
        spearman_adj = holm(spearman_p.tolist())
        spearman_ci = fisher_intervals(r_s, n_eff, 1.06)
    results = []
    for i, lag in enumerate(lags.tolist()):
        results.append(
            LagResult(
                lag=lag,
                n=int(counts[i]),
                n_eff=float(n_eff[i]),
                pearson=Correlation(
                    float(r_p[i]), float(pearson_p[i]), pearson_adj[i], *pearson_ci[i].tolist()
                ),
                spearman=Correlation(
                    0.0 if np.isnan(r_s[i]) else float(r_s[i]),
                    float(spearman_p[i]),
                    spearman_adj[i],
                    *spearman_ci[i].tolist(),
                )
                if spearman
                else None,
                significant=pearson_adj[i] < alpha,
            )
        )
    detectable = min(detectable_r(lag.n_eff, len(results), alpha) for lag in results)
    surviving = [result for result in results if result.significant]
    if not surviving:
        reading = not_enough_evidence_reading(
            n_periods, max(lag.n_eff for lag in results), len(results), detectable, pairing
        )
        return LagAnalysis(
            VERDICT_NOT_ENOUGH_EVIDENCE,
            reading,
            n_periods,
            results,
            None,
            min_periods,
            alpha,
            pairing,
            detectable,
        )
    best = max(surviving, key=lambda result: abs(result.pearson.r))
    return LagAnalysis(
        VERDICT_RELATIONSHIP,
        describe(best, pairing, outcome),
        n_periods,
        results,
        best,
        min_periods,
        alpha,
        pairing,
        detectable,
    )


def periods_word(k: int, pairing: Pairing) -> str:
    return pairing if k == 1 else f"{pairing}s"


def not_enough_evidence_reading(
    n_periods: int, n_eff: float, lags_tried: int, detectable: float, pairing: Pairing
) -> str:
    return (
        f"Not enough evidence yet: {n_periods} {periods_word(n_periods, pairing)} (worth about "
        f"{n_eff:.0f} independent ones, as both series drift slowly) can only show a correlation of "
        f"|r| of at least {detectable:.2f} once {lags_tried} lags are tried; "
        "a weaker link may still be there."
    )


def not_enough_reading(n_periods: int, min_periods: int, pairing: Pairing, outcome: str = "CSAT") -> str:
    if n_periods >= min_periods:
        return (
            f"Not enough data: engagement or {outcome} did not change over the {n_periods} "
            f"{periods_word(n_periods, pairing)}, so there is nothing to correlate."
        )
    return (
        f"Not enough data: {n_periods} {periods_word(n_periods, pairing)} with both engagement and "
        f"{outcome} shown; at least {min_periods} are needed (plus the lags); widen the date range."
    )


def describe(result: LagResult, pairing: Pairing = "week", outcome: str = "CSAT") -> str:
    """A plain-language reading of one lag's correlation."""
    c = result.pearson
    figures = f"(r = {c.r:.2f}, 95% CI {c.ci_low:.2f} to {c.ci_high:.2f})"
    direction = "rises" if c.r > 0 else "falls"
    k = abs(result.lag)
    span = f"{k} {periods_word(k, pairing)}"
    if result.lag > 0:
        return (
            f"{outcome[:1].upper() + outcome[1:]} tends to follow engagement by about {span}: "
            f"when engagement rises, {outcome} {direction} {span} later {figures}."
        )
    if result.lag < 0:
        return (
            f"Engagement tends to follow {outcome} by about {span}: "
            f"when {outcome} rises, engagement {direction} {span} later {figures}."
        )
    return (
        f"Engagement and {outcome} move together in the same {pairing}: "
        f"when one rises, the other {direction} {figures}."
    )
