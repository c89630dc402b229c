import math
from datetime import date, timedelta

import pandas as pd
import pytest
from scipy import stats

from engage.analytics.compare import before_after

PIVOT = date(2026, 4, 6)


def weeks(before, after):
    start = PIVOT - timedelta(weeks=len(before))
    index = [start + timedelta(weeks=i) for i in range(len(before) + len(after))]
    return pd.Series(list(before) + list(after), index=index)


def test_welch_difference_and_interval_by_hand():
    before, after = [60, 62, 58, 61, 59, 63], [66, 70, 65, 69, 71]
    result = before_after(weeks(before, after), PIVOT, "engagement")
    m1, m2 = sum(before) / 6, sum(after) / 5
    v1 = sum((x - m1) ** 2 for x in before) / 5 / 6
    v2 = sum((x - m2) ** 2 for x in after) / 4 / 5
    df = (v1 + v2) ** 2 / (v1**2 / 5 + v2**2 / 4)
    half = stats.t.ppf(0.975, df) * math.sqrt(v1 + v2)
    assert result.difference == pytest.approx(m2 - m1)
    assert result.ci_low == pytest.approx(m2 - m1 - half)
    assert result.ci_high == pytest.approx(m2 - m1 + half)
    assert result.p_value == pytest.approx(stats.ttest_ind(after, before, equal_var=False).pvalue)
    assert (result.n_before, result.n_after) == (6, 5)
    assert result.reading.startswith("engagement is higher after 2026-04-06")


def test_no_change_and_not_enough_data():
    flat = before_after(weeks([60, 62, 58, 61], [61, 59, 62, 60]), PIVOT, "CSAT%")
    assert flat.ci_low < 0 < flat.ci_high
    assert flat.reading.startswith("No reliable change in CSAT%")
    short = before_after(weeks([60, 62], [61, 59, 62]), PIVOT, "CSAT%")
    assert short.difference is None and "Not enough data" in short.reading
