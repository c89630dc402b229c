"""Issue 12: the demo's engagement-CSAT link is as loose as in real companies, and pooling finds it."""

import pytest

from tests.demo.link import LAGS, pooled_correlation, team_correlations, weekly_figures


@pytest.fixture
def weekly(demo):
    return weekly_figures()


def test_each_team_links_engagement_to_csat_two_weeks_later_as_loosely_as_real_teams(weekly):
    assert weekly.groupby("team_id").size().min() >= 50  # a year of weeks with ratings and answers
    per_team = team_correlations(weekly, 2)
    assert len(per_team) == 6  # the customer-facing teams
    assert 0.15 <= per_team.mean() <= 0.45, per_team
    assert per_team.max() < 0.8, per_team


def test_pooled_within_team_correlation_peaks_at_two_weeks(weekly):
    pooled = {lag: pooled_correlation(weekly, lag) for lag in LAGS}
    assert pooled[2] > 0.15, pooled
    assert all(pooled[2] > r + 0.05 for lag, r in pooled.items() if lag != 2), pooled
