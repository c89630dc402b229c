"""Shifts, cells and the gaps between shifts, from ratings already placed on a local weekday and hour."""

import pandas as pd
import pytest

from engage.analytics.shifts import MIN_CELL_RATINGS, MIN_SHIFT_RATINGS, SHIFTS, service_hours, shift_of

MONDAY_10, MONDAY_3, SATURDAY_12, TUESDAY_20 = (0, 10), (0, 3), (5, 12), (1, 20)


def ratings(*groups: tuple[tuple[int, int], int, int]) -> pd.DataFrame:
    """groups of ((weekday, hour), satisfied, unsatisfied), as 100/0 values."""
    rows = []
    for (weekday, hour), good, bad in groups:
        rows += [(weekday, hour, 100.0)] * good + [(weekday, hour, 0.0)] * bad
    return pd.DataFrame(rows, columns=["weekday", "hour", "value"])


def test_every_hour_of_the_week_is_in_exactly_one_shift():
    for weekday in range(7):
        for hour in range(24):
            assert sum(shift.holds(weekday, hour) for shift in SHIFTS) == 1
    assert [shift_of(*at) for at in (MONDAY_10, MONDAY_3, SATURDAY_12, TUESDAY_20)] == [
        "day",
        "night",
        "weekend",
        "evening",
    ]


def test_a_cell_with_one_rating_too_few_is_greyed_out_but_keeps_its_count():
    figures = service_hours(ratings(((0, 9), MIN_CELL_RATINGS - 1, 0), ((0, 10), MIN_CELL_RATINGS, 0)), True)

    few, enough = figures.cells[0][9], figures.cells[0][10]
    assert (few.ratings, few.value, few.greyed) == (MIN_CELL_RATINGS - 1, None, True)
    assert (enough.ratings, enough.value, enough.greyed) == (MIN_CELL_RATINGS, 100.0, False)
    assert figures.by_weekday[0].ratings == 2 * MIN_CELL_RATINGS - 1 and figures.by_weekday[0].value == 100.0
    assert figures.by_hour[9].greyed and figures.by_hour[10].value == 100.0


def test_the_off_hours_gap_has_newcombes_hybrid_score_interval():
    # Newcombe (1998), Table II, example (a): 56/70 against 48/80, interval 0.0524 to 0.3339.
    figures = service_hours(ratings((MONDAY_10, 56, 14), (MONDAY_3, 48, 32)), True)

    gap = figures.off_hours
    assert (gap.higher, gap.lower) == ("day", "night")
    assert gap.points == pytest.approx(20.0)
    assert (gap.ci_low, gap.ci_high) == (pytest.approx(5.24, abs=0.01), pytest.approx(33.39, abs=0.01))
    assert gap.clear and figures.spread == gap


def test_the_spread_is_best_minus_worst_shift_and_off_hours_may_do_better_than_daytime():
    figures = service_hours(
        ratings((MONDAY_10, 40, 10), (MONDAY_3, 45, 5), (SATURDAY_12, 30, 20), (TUESDAY_20, 5, 5)), True
    )

    assert [s.value for s in figures.shifts] == [80.0, None, 90.0, 60.0]  # evening: 10 ratings, too few
    assert (figures.spread.higher, figures.spread.lower) == ("night", "weekend")
    assert figures.spread.points == pytest.approx(30.0)
    assert (figures.off_hours.lower, figures.off_hours.points) == ("weekend", pytest.approx(20.0))


def test_without_enough_daytime_ratings_there_is_no_off_hours_gap():
    figures = service_hours(ratings((MONDAY_10, MIN_SHIFT_RATINGS - 1, 0), (MONDAY_3, 20, 20)), True)

    assert figures.off_hours is None and figures.spread is None


def test_means_get_welchs_interval():
    rows = pd.DataFrame(
        [(0, 10, v) for v in [100.0, 75.0] * 20] + [(0, 2, v) for v in [50.0, 75.0] * 20],
        columns=["weekday", "hour", "value"],
    )
    gap = service_hours(rows, binary=False).off_hours

    assert gap.points == pytest.approx(25.0)
    assert gap.ci_low == pytest.approx(25.0 - 2.0 * 12.5 * (2 / 40) ** 0.5 * (40 / 39) ** 0.5, abs=0.3)
