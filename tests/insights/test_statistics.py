import re
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd
import pytest

from engage.analytics.confidentiality import TOO_FEW
from engage.analytics.correlation import (
    VERDICT_NOT_ENOUGH,
    VERDICT_NOT_ENOUGH_EVIDENCE,
    VERDICT_RELATIONSHIP,
    VERDICT_WITHHELD,
    lagged_correlation,
    smallest_p,
)
from engage.auth.access import Principal
from engage.extensions import db
from engage.insights import before_after, cross_team, rollups, team_correlation
from tests.analytics.test_correlation import by_formula
from tests.insights.conftest import HR

FIRST_WEEK = date(2025, 6, 2)
WEEKS = 36


def week(i: int) -> date:
    return FIRST_WEEK + timedelta(weeks=i)


def plant(team, staff, answer, rate, levels, satisfied_of_10):
    """Each week everyone answers near `levels[i]`; 10 ratings with satisfied_of_10[i] satisfied."""
    for i in range(WEEKS):
        for j, person in enumerate(staff):
            answer(
                person,
                week(i) + timedelta(days=j % 3),
                int(np.clip(levels[i] + (j == 0), 1, 5)),
                commit=False,
            )
        for k in range(10):
            rate(
                team,
                datetime.combine(week(i) + timedelta(days=k % 5), time(9 + k)),
                satisfied=k < satisfied_of_10[i],
                commit=False,
            )
    db.session.commit()


@pytest.fixture
def planted_teams(make_team, people, answer, rate, make_employee):
    """Support: CSAT follows engagement by 2 weeks. Sales: unrelated. Tiny: 4 people, always withheld.

    One person in no team answers too, so the organisation minus Support and Sales leaves 5 people:
    with only Tiny's 4 left over, Support (the smallest) would be withheld to keep them hidden.
    """
    rng = np.random.default_rng(5)
    levels = rng.integers(1, 6, size=WEEKS + 2)
    support, sales, tiny = make_team("Support"), make_team("Sales"), make_team("Tiny")
    # week i's CSAT follows week i-2's engagement (weeks 0 and 1 follow two unseen weeks at the end)
    follows = [int(np.clip(2 * levels[i] + rng.integers(-1, 2), 0, 10)) for i in range(-2, WEEKS - 2)]
    plant(support, people(support, 5), answer, rate, levels[:WEEKS], follows)
    unrelated = rng.integers(1, 6, size=WEEKS), rng.integers(0, 11, size=WEEKS)
    plant(sales, people(sales, 6), answer, rate, *unrelated)
    plant(tiny, people(tiny, 4), answer, rate, levels[:WEEKS], follows)
    teamless = make_employee(None)
    for i in range(WEEKS):
        answer(teamless, week(i), 3, commit=False)
    db.session.commit()
    rollups.refresh()
    return support, sales, tiny, levels, follows


def test_planted_two_week_lag_is_recovered_from_the_database(planted_teams):
    support, *_ = planted_teams
    result = team_correlation(HR, support.id, FIRST_WEEK, week(WEEKS - 1))
    analysis = result.analysis
    assert analysis.verdict == VERDICT_RELATIONSHIP
    assert analysis.best.lag == 2
    assert analysis.n_periods == WEEKS
    assert analysis.reading.startswith("CSAT tends to follow engagement by about 2 weeks")


def test_correlation_matches_an_independent_computation(planted_teams, answer, make_employee):
    support, _, _, levels, follows = planted_teams
    engagement = [
        (sum(int(np.clip(levels[i] + (j == 0), 1, 5)) for j in range(5)) / 5 - 1) * 25 for i in range(WEEKS)
    ]
    csat = [10 * s for s in follows]
    analysis = team_correlation(HR, support.id, FIRST_WEEK, week(WEEKS - 1)).analysis
    lag2 = next(lag for lag in analysis.lags if lag.lag == 2)
    assert lag2.n == WEEKS - 2
    assert lag2.pearson.r == pytest.approx(by_formula(engagement[:-2], csat[2:]), abs=1e-9)


def test_withheld_weeks_are_left_out_and_other_teams_compared(planted_teams):
    support, sales, tiny, *_ = planted_teams
    tiny_result = team_correlation(HR, tiny.id, FIRST_WEEK, week(WEEKS - 1))
    assert tiny_result.analysis.verdict == VERDICT_NOT_ENOUGH  # 4 people: every engagement week withheld
    assert tiny_result.analysis.n_periods == 0
    assert (tiny_result.row.verdict, tiny_result.row.withheld_reason) == (VERDICT_WITHHELD, TOO_FEW)
    assert tiny_result.row.reading.startswith(
        f"Withheld: engagement is withheld in {WEEKS} of the {WEEKS} weeks"
    )
    assert "fewer than 5 respondents" in tiny_result.row.reading
    rows = cross_team(HR, FIRST_WEEK, week(WEEKS - 1))
    assert [r.team_name for r in rows][0] == "Support"
    assert (rows[0].verdict, rows[0].best_lag) == (VERDICT_RELATIONSHIP, 2)
    assert rows[0].ci_low < rows[0].r < rows[0].ci_high
    by_name = {r.team_name: r for r in rows}
    assert by_name["Sales"].verdict == VERDICT_NOT_ENOUGH_EVIDENCE and by_name["Sales"].r is None
    assert by_name["Sales"].reading.startswith(f"Not enough evidence yet: {WEEKS} weeks")
    assert by_name["Tiny"].verdict == VERDICT_WITHHELD


def test_managers_cannot_correlate_other_teams(planted_teams, make_employee):
    support, *_ = planted_teams
    outsider = Principal(role="manager", employee_id=make_employee(None).id)
    with pytest.raises(PermissionError):
        team_correlation(outsider, support.id, FIRST_WEEK, week(WEEKS - 1))
    assert cross_team(outsider, FIRST_WEEK, week(WEEKS - 1)) == []


def test_before_after_a_policy_change(make_team, people, answer, rate):
    team = make_team("Support")
    staff = people(team, 5)
    pivot = week(8) + timedelta(days=2)
    for i in range(16):
        level = 2 if i < 8 else 4
        for j, person in enumerate(staff):
            answer(person, week(i), level + (j + i) % 2, commit=False)
        for k in range(4):
            rate(team, week(i), satisfied=k < 2 + i % 2, commit=False)
    db.session.commit()
    rollups.refresh()
    result = before_after(HR, team.id, pivot, weeks=8)
    assert result.pivot == week(8)
    e = result.engagement
    assert (e.n_before, e.n_after) == (8, 8)
    assert e.difference == pytest.approx(50.0)
    assert e.ci_low > 40 and e.ci_high < 60
    assert e.reading.startswith("engagement is higher after")
    assert result.csat_pct.ci_low < 0 < result.csat_pct.ci_high


def weekly_figures(levels, satisfied_of_10, size: int) -> tuple[pd.Series, pd.Series]:
    """The weekly engagement and CSAT% that `plant` writes, worked out by hand."""
    engagement = [
        (sum(int(np.clip(levels[i] + (j == 0), 1, 5)) for j in range(size)) / size - 1) * 25
        for i in range(WEEKS)
    ]
    index = [week(i) for i in range(WEEKS)]
    return pd.Series(engagement, index=index), pd.Series([10.0 * s for s in satisfied_of_10], index=index)


def team_where(size: int, related: bool, wanted) -> tuple[np.ndarray, list[int]]:
    """Weekly levels and CSAT (following the levels 2 weeks later, or not) whose smallest Holm-adjusted p
    is wanted."""
    for seed in range(2000):
        rng = np.random.default_rng(seed)
        levels = rng.integers(1, 6, size=WEEKS + 2)
        follows = [
            int(np.clip(levels[i] * related + rng.integers(0, 6), 0, 10)) for i in range(-2, WEEKS - 2)
        ]
        p = smallest_p(lagged_correlation(*weekly_figures(levels[:WEEKS], follows, size), spearman=False))
        if wanted(p):
            return levels[:WEEKS], follows
    raise AssertionError("no such team in 2000 seeds")


def test_a_team_that_passes_alone_but_not_across_teams_says_not_enough_evidence_everywhere(
    make_team, people, answer, rate, client, make_user, login
):
    """The team page and API used to say "relationship" while the cross-team table said otherwise."""
    borderline, unrelated = make_team("Borderline"), make_team("Unrelated")
    # Its best lag passes its own test; its q, beside a team with nothing, is twice its p.
    plant(borderline, people(borderline, 5), answer, rate, *team_where(5, True, lambda p: 0.026 < p < 0.05))
    plant(unrelated, people(unrelated, 6), answer, rate, *team_where(6, False, lambda p: p > 0.5))
    rollups.refresh()
    end = week(WEEKS - 1)

    result = team_correlation(HR, borderline.id, FIRST_WEEK, end)
    assert result.analysis.verdict == VERDICT_RELATIONSHIP  # the team's own test, 17 lags corrected
    row = next(r for r in cross_team(HR, FIRST_WEEK, end) if r.team_id == borderline.id)
    assert row == result.row
    assert row.verdict == VERDICT_NOT_ENOUGH_EVIDENCE and row.best_lag is None
    assert row.q_value == pytest.approx(2 * result.analysis.best.pearson.p_adjusted)
    assert row.reading.startswith("Not enough evidence yet: the strongest lag (")
    assert (
        f"not once the 2 teams compared are accounted for (false discovery rate q = {row.q_value:.2f}"
        in row.reading
    )

    login(make_user("hr"))
    query = f"start={FIRST_WEEK}&end={end}"
    body = client.get(f"/api/v1/teams/{borderline.id}/correlation?{query}").get_json()
    assert (body["verdict"], body["best_lag"], body["q_value"]) == ("not_enough_evidence", None, row.q_value)
    page = client.get(f"/dashboard/teams/{borderline.id}?{query}").get_data(as_text=True)
    assert 'data-verdict="not_enough_evidence"' in page
    assert f'<span class="q-value">{row.q_value:.3g}</span>' in page
    assert '"best_lag": null' in page  # the chart highlights no lag either
    table = client.get(f"/dashboard/?{query}").get_data(as_text=True)
    in_table = rf'<tr data-team-id="{borderline.id}">.*?data-verdict="not_enough_evidence"'
    assert re.search(in_table, table, re.S)


def test_a_team_whose_engagement_never_moves_has_not_enough_data(
    make_team, people, answer, rate, client, make_user, login
):
    """A flat series has no correlation to test; nothing is withheld, so it is not enough data, not a 500."""
    flat = make_team("Flat")
    plant(flat, people(flat, 5), answer, rate, [3] * WEEKS, [5] * WEEKS)
    rollups.refresh()
    row = team_correlation(HR, flat.id, FIRST_WEEK, week(WEEKS - 1)).row
    assert (row.verdict, row.n_periods, row.withheld_reason) == (VERDICT_NOT_ENOUGH, WEEKS, None)
    assert (
        row.reading == f"Not enough data: engagement or CSAT did not change over the {WEEKS} weeks, "
        "so there is nothing to correlate."
    )
    login(make_user("hr"))
    response = client.get(f"/api/v1/teams/{flat.id}/correlation?start={FIRST_WEEK}&end={week(WEEKS - 1)}")
    assert response.status_code == 200 and response.get_json()["verdict"] == "not_enough_data"
