"""Before/after comparison of a weekly series around a date."""

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from scipy import special

MIN_PERIODS_EACH_SIDE = 3


@dataclass(frozen=True)
class Comparison:
    """Mean of the weekly values before the pivot week versus from it on, by Welch's t.

    difference is after minus before; None figures mean too few weeks on a side.
    """

    metric: str
    before_mean: float | None
    after_mean: float | None
    difference: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    n_before: int
    n_after: int
    reading: str


def welch(before: np.ndarray, after: np.ndarray) -> tuple[float, float, float, float]:
    """Difference of means (after - before), its 95% interval and two-sided p by Welch's t-test."""
    m1, m2 = before.mean(), after.mean()
    v1, v2 = before.var(ddof=1) / len(before), after.var(ddof=1) / len(after)
    difference = m2 - m1
    se = np.sqrt(v1 + v2)
    if se == 0:
        return float(difference), float(difference), float(difference), 1.0 if difference == 0 else 0.0
    df = (v1 + v2) ** 2 / (v1**2 / (len(before) - 1) + v2**2 / (len(after) - 1))
    # Student's t: its quantile and its lower tail (scipy.special's, without importing scipy.stats)
    half = special.stdtrit(df, 0.975) * se
    p = 2 * special.stdtr(df, -abs(difference / se))
    return float(difference), float(difference - half), float(difference + half), float(p)


def before_after(series: pd.Series, pivot: date, metric: str) -> Comparison:
    """Compare a series indexed by period start: periods before pivot against periods from it on."""
    values = series.dropna().astype(float)
    index = pd.to_datetime(pd.Index(values.index))
    before = values[index < pd.Timestamp(pivot)].to_numpy()
    after = values[index >= pd.Timestamp(pivot)].to_numpy()
    if len(before) < MIN_PERIODS_EACH_SIDE or len(after) < MIN_PERIODS_EACH_SIDE:
        return Comparison(
            metric,
            _mean(before),
            _mean(after),
            None,
            None,
            None,
            None,
            len(before),
            len(after),
            f"Not enough data to compare {metric}: {len(before)} periods before and {len(after)} after "
            f"{pivot.isoformat()}; at least {MIN_PERIODS_EACH_SIDE} are needed on each side.",
        )
    difference, low, high, p = welch(before, after)
    return Comparison(
        metric,
        float(before.mean()),
        float(after.mean()),
        difference,
        low,
        high,
        p,
        len(before),
        len(after),
        _reading(metric, pivot, difference, low, high),
    )


def _mean(values: np.ndarray) -> float | None:
    return float(values.mean()) if len(values) else None


def _reading(metric: str, pivot: date, difference: float, low: float, high: float) -> str:
    figures = f"{difference:+.1f} points, 95% CI {low:+.1f} to {high:+.1f}"
    if low > 0:
        return f"{metric} is higher after {pivot.isoformat()} than before ({figures})."
    if high < 0:
        return f"{metric} is lower after {pivot.isoformat()} than before ({figures})."
    return f"No reliable change in {metric} around {pivot.isoformat()} ({figures})."
