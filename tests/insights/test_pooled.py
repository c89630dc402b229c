import numpy as np
import pytest

from engage.analytics.pooled import VERDICT_NOT_ENOUGH, VERDICT_RELATIONSHIP
from engage.auth.access import Principal
from engage.insights import InsightsInputError, UnknownTeam, pooled_correlation
from tests.insights.conftest import HR
from tests.pooled_data import LINKED, WEEKS


def hand_within_slope(pairs: list[tuple[np.ndarray, np.ndarray]]) -> float:
    """The two-way fixed-effects slope on teams with the same weeks: each pair less its team's mean and its
    week's mean (plus the grand mean), pooled, sum(xy) / sum(xx)."""
    x, y = (np.array([pair[i] for pair in pairs]) for i in (0, 1))
    x, y = (v - v.mean(axis=1, keepdims=True) - v.mean(axis=0) + v.mean() for v in (x, y))
    return float((x * y).sum() / (x * x).sum())


def test_sub_teams_are_pooled_and_match_a_hand_computation_from_the_answers(pooled_company):
    result = pooled_correlation(HR, pooled_company.teams["Ops"].id, pooled_company.first, pooled_company.last)
    analysis = result.analysis
    assert (result.team_name, result.sub_teams) == ("Ops", 9)
    assert analysis.verdict == VERDICT_RELATIONSHIP
    assert analysis.best.lag == 2
    assert analysis.teams == 8  # Ops tiny (4 people) is withheld every week, so it has no week to pool
    assert analysis.weeks == WEEKS
    lag2 = next(lag for lag in analysis.lags if lag.lag == 2)
    expected = hand_within_slope(
        [(pooled_company.engagement(n)[:-2], pooled_company.csat_pct(n)[2:]) for n in LINKED]
    )
    assert lag2.effect == pytest.approx(10 * expected, rel=1e-9)
    assert (lag2.teams, lag2.team_weeks, lag2.weeks) == (8, 8 * (WEEKS - 2), WEEKS - 2)
    assert lag2.ci_low < lag2.effect < lag2.ci_high
    minus2 = next(lag for lag in analysis.lags if lag.lag == -2)
    reversed_slope = hand_within_slope(
        [(pooled_company.engagement(n)[2:], pooled_company.csat_pct(n)[:-2]) for n in LINKED]
    )
    assert minus2.effect == pytest.approx(10 * reversed_slope, rel=1e-9)
    assert analysis.reading.startswith("Across 8 teams and 14 weeks, CSAT tends to follow engagement by")


def test_the_organisation_pools_its_smallest_teams_only(pooled_company):
    result = pooled_correlation(HR, None, pooled_company.first, pooled_company.last)
    assert (result.team_id, result.team_name, result.sub_teams) == (None, "Whole organisation", 10)
    assert result.analysis.teams == 9  # Ops 1-8 and Sales; not Ops, which holds them, nor Ops tiny
    assert result.analysis.best.lag == 2


def test_a_manager_pools_only_the_teams_they_may_see(pooled_company):
    manager = Principal("manager", pooled_company.manager.id)
    mine = pooled_correlation(manager, None, pooled_company.first, pooled_company.last)
    assert (mine.team_name, mine.sub_teams) == ("Your teams", 1)
    assert mine.analysis.verdict == VERDICT_NOT_ENOUGH
    assert "at least 8 are needed" in mine.analysis.reading
    with pytest.raises(PermissionError):
        pooled_correlation(manager, pooled_company.teams["Ops"].id, pooled_company.first, pooled_company.last)
    with pytest.raises(UnknownTeam):
        pooled_correlation(HR, 999_999, pooled_company.first, pooled_company.last)


def test_a_team_without_sub_teams_has_nothing_to_pool(pooled_company):
    result = pooled_correlation(
        HR, pooled_company.teams["Ops 1"].id, pooled_company.first, pooled_company.last
    )
    assert result.sub_teams == 0
    assert result.analysis.verdict == VERDICT_NOT_ENOUGH


def test_a_reversed_range_is_refused(pooled_company):
    with pytest.raises(InsightsInputError):
        pooled_correlation(HR, None, pooled_company.last, pooled_company.first)
