import pandas as pd

from engage.analytics.correlation import VERDICT_NOT_ENOUGH, lagged_correlation


def test_a_team_with_fewer_weeks_than_lags_has_not_enough_data():
    weeks = pd.date_range("2026-01-05", periods=3, freq="W-MON")
    engagement = pd.Series([60.0, 65.0, 70.0], index=weeks)
    csat = pd.Series([80.0, 85.0], index=weeks[:2])
    analysis = lagged_correlation(engagement, csat)
    assert analysis.verdict == VERDICT_NOT_ENOUGH
