from datetime import date, datetime

import pandas as pd
import pytest

from engage.analytics.metrics import ORG_SCOPE, enps, likert_to_100, metric_values, stats_from_raw
from engage.analytics.periods import label, period_start, period_starts, snap

CHILD, PARENT = 2, 1
ANCESTORS = {PARENT: [PARENT], CHILD: [CHILD, PARENT]}


def test_enps_is_share_of_promoters_minus_share_of_detractors():
    assert enps(pd.Series([10, 9, 8, 7, 6, 0])) == pytest.approx(0)
    assert enps(pd.Series([10, 10, 9, 6])) == pytest.approx(50)
    assert enps(pd.Series([3, 5, 6, 7, 8])) == pytest.approx(-60)


def test_likert_maps_to_0_100():
    assert list(likert_to_100(pd.Series([1, 2, 3, 4, 5]))) == [0, 25, 50, 75, 100]


def test_periods():
    sunday = date(2026, 3, 8)
    assert period_start(sunday, "week") == date(2026, 3, 2)
    assert period_start(date(2026, 3, 2), "week") == date(2026, 3, 2)
    assert period_start(sunday, "month") == date(2026, 3, 1)
    assert snap(date(2026, 1, 15), date(2026, 3, 4), "month") == (date(2026, 1, 1), date(2026, 3, 1))
    assert period_starts(date(2026, 1, 1), date(2026, 3, 1), "month") == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]
    assert label(date(2026, 3, 2), "week") == "2026-W10"
    with pytest.raises(ValueError, match="after the end"):
        snap(date(2026, 3, 2), date(2026, 3, 1), "day")
    with pytest.raises(ValueError, match="granularity must be one of"):
        period_start(sunday, "year")


def frames():
    mon, tue, next_mon = date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 9)
    responses = pd.DataFrame(
        [
            # employee, team, day, driver, scale, score
            (1, CHILD, mon, "growth", "likert5", 5),
            (1, CHILD, tue, "workload", "likert5", 4),
            (2, CHILD, tue, "growth", "likert5", 3),
            (3, PARENT, mon, "growth", "likert5", 1),
            (1, CHILD, mon, "enps", "nps10", 10),
            (2, CHILD, mon, "enps", "nps10", 6),
            (3, PARENT, tue, "enps", "nps10", 8),
            (4, CHILD, next_mon, "growth", "likert5", 2),
        ],
        columns=["employee_id", "team_id", "pulse_date", "driver", "scale", "score"],
    )
    deliveries = pd.DataFrame(
        [
            (1, CHILD, mon, True, True),
            (1, CHILD, tue, True, False),
            (2, CHILD, tue, True, True),
            (5, CHILD, tue, True, False),
            (6, CHILD, tue, False, False),
            (3, PARENT, mon, True, True),
            (4, CHILD, next_mon, True, True),
        ],
        columns=["employee_id", "team_id", "pulse_date", "counted", "answered"],
    )
    ratings = pd.DataFrame(
        [
            (CHILD, datetime(2026, 3, 2, 23, 59), "csat", 100.0, True),
            (CHILD, datetime(2026, 3, 4, 8), "csat", 25.0, False),
            (CHILD, datetime(2026, 3, 5, 8), "csat", 75.0, True),
            (None, datetime(2026, 3, 5, 8), "csat", 0.0, False),
            (PARENT, datetime(2026, 3, 3), "nps", 100.0, True),
            (PARENT, datetime(2026, 3, 3), "nps", 60.0, False),
            (PARENT, datetime(2026, 3, 3), "nps", 80.0, False),
        ],
        columns=["team_id", "rated_at", "kind", "score", "satisfied"],
    )
    given = pd.DataFrame([(CHILD, datetime(2026, 3, 3, 9))], columns=["team_id", "created_at"])
    received = pd.DataFrame(
        [(PARENT, datetime(2026, 3, 3, 9)), (CHILD, datetime(2026, 3, 3, 9))],
        columns=["team_id", "created_at"],
    )
    return responses, deliveries, ratings, given, received


def figures(granularity="week"):
    values = metric_values(stats_from_raw(*frames(), granularity, ANCESTORS))
    return values.set_index(["scope", "period_start", "metric"])


def test_weekly_figures_by_hand():
    week = date(2026, 3, 2)
    f = figures()
    # child: growth 5, 3 and workload 4 -> (100 + 50 + 75) / 3
    assert f.loc[(CHILD, week, "engagement"), "value"] == pytest.approx(75)
    assert f.loc[(CHILD, week, "engagement"), "respondents"] == 2
    assert f.loc[(CHILD, week, "driver:growth"), "value"] == pytest.approx(75)
    assert f.loc[(CHILD, week, "driver:workload"), "value"] == pytest.approx(75)
    # parent includes the child: (100 + 75 + 50 + 0) / 4
    assert f.loc[(PARENT, week, "engagement"), "value"] == pytest.approx(56.25)
    assert f.loc[(PARENT, week, "engagement"), "respondents"] == 3
    # eNPS: child 10, 6 -> 50% - 50%; parent 10, 6, 8 -> 33% - 33%
    assert f.loc[(CHILD, week, "enps"), "value"] == pytest.approx(0)
    assert f.loc[(PARENT, week, "enps"), "respondents"] == 3
    # participation: child sent to 1, 2, 5 (6's delivery never went out), 1 and 2 answered
    assert f.loc[(CHILD, week, "participation"), "value"] == pytest.approx(200 / 3)
    assert f.loc[(PARENT, week, "participation"), "value"] == pytest.approx(75)
    # response rate: child's 4 pulses delivered (1 got two), 2 answered; the parent adds 3's answered one
    assert f.loc[(CHILD, week, "response_rate"), "value"] == pytest.approx(50)
    assert f.loc[(CHILD, week, "response_rate"), "respondents"] == 2
    assert f.loc[(PARENT, week, "response_rate"), "value"] == pytest.approx(60)
    # CSAT: child 2 of 3 satisfied, mean (100 + 25 + 75) / 3; the organisation adds a teamless 0
    assert f.loc[(CHILD, week, "csat_pct"), "value"] == pytest.approx(200 / 3)
    assert f.loc[(CHILD, week, "csat_mean"), "value"] == pytest.approx(200 / 3)
    assert f.loc[(ORG_SCOPE, week, "csat_pct"), "value"] == pytest.approx(50)
    assert f.loc[(ORG_SCOPE, week, "csat_mean"), "value"] == pytest.approx(50)
    # NPS 100 (promoter), 60 (detractor), 80 (passive) -> 0
    assert f.loc[(PARENT, week, "nps"), "value"] == pytest.approx(0)
    assert f.loc[(CHILD, week, "kudos_given"), "value"] == 1
    assert f.loc[(PARENT, week, "kudos_received"), "value"] == 2
    assert f.loc[(PARENT, date(2026, 3, 9), "engagement"), "value"] == pytest.approx(25)


def test_distinct_respondents_are_exact_per_period_not_summed_days():
    month = figures("month")
    days = figures("day")
    assert month.loc[(CHILD, date(2026, 3, 1), "engagement"), "respondents"] == 3  # people 1, 2, 4
    day_sum = sum(
        days.loc[(CHILD, d, "engagement"), "respondents"]
        for d in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 9))
    )
    assert day_sum == 4  # person 1 answered on two days
