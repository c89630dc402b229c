"""Lagged correlation between a team's weekly engagement and a weekly customer outcome (CSAT% by default).

Lag k > 0 pairs engagement in week t with CSAT in week t + k (engagement leads CSAT);
k < 0 pairs CSAT in week t with engagement in week t + |k| (CSAT leads engagement).

Weekly series are autocorrelated, so p-values and intervals use an effective sample size
(Bartlett / Bretherton et al. 1999): n_eff = n (1 - r1 r2) / (1 + r1 r2), with r1, r2 the lag-1
autocorrelations of the two series. Picking the best of many lags is a multiple comparison, so
per-lag p-values are Holm-adjusted across the lags tested; a lag counts only when its adjusted
p-value is under ALPHA.
"""
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pandas as pd
from scipy import special

MAX_LAG = 8
MIN_WEEKS = 12
ALPHA = 0.05
Z_95 = 1.959963984540054

VERDICT_RELATIONSHIP = "relationship"
VERDICT_NONE = "no reliable relationship"
VERDICT_NOT_ENOUGH = "not enough data"


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
    verdict: str
    reading: str
    n_weeks: int
    lags: list[LagResult]
    best: LagResult | None
    min_weeks: int = MIN_WEEKS
    alpha: float = ALPHA


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


def every_week(weeks: pd.Index) -> pd.Index:
    """Every week start from the first to the last of weeks, so a week missing from both series is a gap."""
    if weeks.empty:
        return weeks
    first, last = weeks.min(), weeks.max()
    return pd.Index([first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)])


def lagged_correlation(
    engagement: pd.Series, csat: pd.Series, max_lag: int = MAX_LAG, min_weeks: int = MIN_WEEKS,
    alpha: float = ALPHA, spearman: bool = True, outcome: str = "CSAT",
) -> LagAnalysis:
    """Correlate two weekly series (by week start; a missing week NaN or left out) at lags -max_lag..+max_lag.

    The verdict rests on Pearson's r; spearman=False skips Spearman's (for quick comparisons); outcome
    names the second series in the reading.
    """
    weeks = every_week(engagement.index.union(csat.index))
    e = engagement.reindex(weeks).astype(float).to_numpy()
    c = csat.reindex(weeks).astype(float).to_numpy()
    n_weeks = int((~np.isnan(e) & ~np.isnan(c)).sum())
    r1, r2 = lag1_autocorrelation(e), lag1_autocorrelation(c)

    lags = np.arange(-max_lag, max_lag + 1)
    x, y = lag_matrices(e, c, lags)
    counts = (~np.isnan(x)).sum(axis=1)
    r_p = row_pearson(x, y)
    tested = (counts >= min_weeks) & ~np.isnan(r_p)
    if not tested.any():
        reading = _not_enough_reading(n_weeks, min_weeks, outcome)
        return LagAnalysis(VERDICT_NOT_ENOUGH, reading, n_weeks, [], None, min_weeks, alpha)
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
        results.append(LagResult(
            lag=lag, n=int(counts[i]), n_eff=float(n_eff[i]),
            pearson=Correlation(float(r_p[i]), float(pearson_p[i]), pearson_adj[i], *pearson_ci[i].tolist()),
            spearman=Correlation(
                0.0 if np.isnan(r_s[i]) else float(r_s[i]), float(spearman_p[i]), spearman_adj[i],
                *spearman_ci[i].tolist(),
            ) if spearman else None,
            significant=pearson_adj[i] < alpha,
        ))
    surviving = [result for result in results if result.significant]
    if not surviving:
        return LagAnalysis(VERDICT_NONE, _no_relationship_reading(outcome), n_weeks, results, None, min_weeks,
                           alpha)
    best = max(surviving, key=lambda result: abs(result.pearson.r))
    reading = describe(best, outcome)
    return LagAnalysis(VERDICT_RELATIONSHIP, reading, n_weeks, results, best, min_weeks, alpha)


def _no_relationship_reading(outcome: str) -> str:
    return (f"No reliable relationship between engagement and {outcome} at any lag from -8 to +8 weeks "
            "once autocorrelation and the number of lags tried are accounted for.")


def _not_enough_reading(n_weeks: int, min_weeks: int, outcome: str) -> str:
    return (f"Not enough data: {n_weeks} weeks with both engagement and {outcome} shown; "
            f"at least {min_weeks} are needed.")


def _weeks(k: int) -> str:
    return "week" if k == 1 else "weeks"


def describe(result: LagResult, outcome: str = "CSAT") -> str:
    """A plain-language reading of one lag's correlation."""
    c = result.pearson
    figures = f"(r = {c.r:.2f}, 95% CI {c.ci_low:.2f} to {c.ci_high:.2f})"
    direction = "rises" if c.r > 0 else "falls"
    if result.lag > 0:
        k = result.lag
        return (f"{outcome[:1].upper() + outcome[1:]} tends to follow engagement by about {k} {_weeks(k)}: "
                f"when engagement rises, {outcome} {direction} {k} {_weeks(k)} later {figures}.")
    if result.lag < 0:
        k = -result.lag
        return (f"Engagement tends to follow {outcome} by about {k} {_weeks(k)}: "
                f"when {outcome} rises, engagement {direction} {k} {_weeks(k)} later {figures}.")
    return (f"Engagement and {outcome} move together in the same week: "
            f"when one rises, the other {direction} {figures}.")
