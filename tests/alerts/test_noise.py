"""The noise rule: a week more than two standard errors below the trailing mean, with enough weeks shown."""

import math

from engage.alerts.noise import drop_beyond_noise

STEADY = [70.0, 72.0, 71.0, 69.0, 70.0, 72.0, 71.0, 69.0]  # mean 70.5, s = 1.2, noise = 1.27


def test_a_week_beyond_two_standard_errors_below_the_trailing_mean_is_a_drop():
    drop = drop_beyond_noise(67.9, STEADY)
    assert drop is not None and round(drop.mean, 2) == 70.5
    assert math.isclose(drop.noise, 1.195229 * math.sqrt(1 + 1 / 8), rel_tol=1e-5)


def test_a_week_within_two_standard_errors_is_not():
    assert drop_beyond_noise(68.1, STEADY) is None
    assert drop_beyond_noise(75.0, STEADY) is None


def test_withheld_weeks_are_left_out_and_six_shown_weeks_are_needed():
    five_shown = STEADY[:5] + [math.nan, None, math.nan]
    assert drop_beyond_noise(50.0, five_shown) is None
    six_shown = STEADY[:6] + [None, math.nan]
    assert drop_beyond_noise(50.0, six_shown) is not None
    assert drop_beyond_noise(math.nan, STEADY) is None and drop_beyond_noise(None, STEADY) is None


def test_a_minimum_drop_holds_back_drops_that_are_beyond_the_noise_but_small():
    assert drop_beyond_noise(66.0, STEADY, min_drop=5.0) is None
    assert drop_beyond_noise(65.0, STEADY, min_drop=5.0) is not None
