"""Customer outcomes by weekday and hour of day, by shift, and how far a team's shifts lie apart.

Input: one row per rating (or solved ticket) with its local `weekday` (0 = Monday), `hour` (0-23) and
`value` on the outcome's scale (100 or 0 for a satisfied share; the 0-100 score for mean CSAT; 100, 0 or
-100 for NPS). A cell's figure is the mean of its values; one with fewer than MIN_CELL_RATINGS is greyed
out (its count is still given), and a shift needs MIN_SHIFT_RATINGS to be compared.

Gaps between two shifts come with a 95% interval: Newcombe's hybrid score interval (the difference of two
Wilson intervals, Newcombe 1998, method 10) for a satisfied share, Welch's t for means and NPS. The
interval is for the two shifts named; picking the best and worst of four makes the gap a little larger
than it is, so a gap whose interval reaches 0 is no sign of uneven service.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from engage.analytics.compare import welch

MIN_CELL_RATINGS = 10  # a weekday-hour cell with fewer ratings is greyed out: too few to read
MIN_SHIFT_RATINGS = 30  # a shift with fewer ratings takes no part in the gaps
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WORKDAYS, EVERY_DAY, WEEKEND = (0, 1, 2, 3, 4), tuple(range(7)), (5, 6)


@dataclass(frozen=True)
class Shift:
    key: str
    label: str
    weekdays: tuple[int, ...]
    first_hour: int
    end_hour: int  # exclusive

    def holds(self, weekday: int, hour: int) -> bool:
        return weekday in self.weekdays and self.first_hour <= hour < self.end_hour


# Every weekday-hour falls in exactly one shift; "day" is the reference the others are held to.
SHIFTS = (
    Shift("day", "Weekday daytime (Mon-Fri 8:00-18:00)", WORKDAYS, 8, 18),
    Shift("evening", "Weekday evenings (Mon-Fri 18:00-24:00)", WORKDAYS, 18, 24),
    Shift("night", "Nights (every day 0:00-8:00)", EVERY_DAY, 0, 8),
    Shift("weekend", "Weekend days (Sat-Sun 8:00-24:00)", WEEKEND, 8, 24),
)
DAYTIME = "day"


@dataclass(frozen=True)
class Cell:
    """A weekday-hour (or a whole weekday, or an hour over the week: the other is None)."""

    weekday: int | None
    hour: int | None
    ratings: int
    value: float | None  # None when greyed out or empty

    @property
    def greyed(self) -> bool:
        return self.ratings < MIN_CELL_RATINGS


@dataclass(frozen=True)
class ShiftFigure:
    key: str
    label: str
    ratings: int
    value: float | None  # None under MIN_SHIFT_RATINGS


@dataclass(frozen=True)
class Gap:
    """higher minus lower, in the outcome's points, with its 95% interval."""

    higher: str
    lower: str
    points: float
    ci_low: float
    ci_high: float

    @property
    def clear(self) -> bool:
        """The interval lies above 0: the shifts do differ."""
        return self.ci_low > 0


@dataclass(frozen=True)
class ServiceHours:
    ratings: int
    cells: list[list[Cell]]  # [weekday][hour]
    by_weekday: list[Cell]
    by_hour: list[Cell]
    shifts: list[ShiftFigure]
    spread: Gap | None  # best shift minus worst shift: the consistency score
    off_hours: Gap | None  # daytime minus the worst other shift; negative when off hours do better


def _cells(keys: np.ndarray, values: np.ndarray, size: int) -> list[tuple[int, float | None]]:
    """(count, mean or None when greyed out) of the values under each key 0..size-1, in one pass."""
    counts = np.bincount(keys, minlength=size)
    sums = np.bincount(keys, weights=values, minlength=size)
    return [
        (int(n), float(total / n) if n >= MIN_CELL_RATINGS else None)
        for n, total in zip(counts.tolist(), sums.tolist(), strict=True)
    ]


def shift_of(weekday: int, hour: int) -> str:
    return next(shift.key for shift in SHIFTS if shift.holds(weekday, hour))


# SHIFT_AT[weekday, hour]: the index in SHIFTS of the shift holding that hour.
SHIFT_AT = np.array([[[s.key for s in SHIFTS].index(shift_of(d, h)) for h in range(24)] for d in range(7)])


def gap(higher: tuple[str, np.ndarray], lower: tuple[str, np.ndarray], binary: bool) -> Gap:
    """The difference of the means of two shifts' values, higher's minus lower's, with its interval."""
    (high_key, high), (low_key, low) = higher, lower
    points = float(high.mean() - low.mean())
    if binary:
        # Imported here: statsmodels (and the scipy.stats it loads) is 0.7 s of every process's start,
        # and only this interval needs it.
        from statsmodels.stats.proportion import confint_proportions_2indep

        low_ci, high_ci = confint_proportions_2indep(
            int((high > 0).sum()), len(high), int((low > 0).sum()), len(low), method="newcomb", compare="diff"
        )
        return Gap(high_key, low_key, points, float(low_ci) * 100, float(high_ci) * 100)
    _, ci_low, ci_high, _ = welch(low, high)
    return Gap(high_key, low_key, points, ci_low, ci_high)


def service_hours(ratings: pd.DataFrame, binary: bool) -> ServiceHours:
    """Cells, margins, shifts and gaps of ratings with weekday, hour and value columns."""
    weekday = ratings["weekday"].to_numpy(dtype=int)
    hour = ratings["hour"].to_numpy(dtype=int)
    value = ratings["value"].to_numpy(dtype=float)
    cell = _cells(weekday * 24 + hour, value, 7 * 24)
    cells = [[Cell(d, h, *cell[d * 24 + h]) for h in range(24)] for d in range(7)]
    shift_index = SHIFT_AT[weekday, hour]
    per_shift = {shift.key: value[shift_index == i] for i, shift in enumerate(SHIFTS)}
    figures = [
        ShiftFigure(
            s.key,
            s.label,
            len(per_shift[s.key]),
            float(per_shift[s.key].mean()) if len(per_shift[s.key]) >= MIN_SHIFT_RATINGS else None,
        )
        for s in SHIFTS
    ]
    # (value, key) of the shifts with enough ratings, best first.
    compared = sorted(((f.value, f.key) for f in figures if f.value is not None), reverse=True)
    spread = off_hours = None
    if len(compared) >= 2:
        best, worst = compared[0][1], compared[-1][1]
        spread = gap((best, per_shift[best]), (worst, per_shift[worst]), binary)
        others = [key for _, key in compared if key != DAYTIME]
        if len(others) < len(compared):
            worst_other = others[-1]
            off_hours = gap((DAYTIME, per_shift[DAYTIME]), (worst_other, per_shift[worst_other]), binary)
    return ServiceHours(
        ratings=len(value),
        cells=cells,
        by_weekday=[Cell(d, None, *figures) for d, figures in enumerate(_cells(weekday, value, 7))],
        by_hour=[Cell(None, h, *figures) for h, figures in enumerate(_cells(hour, value, 24))],
        shifts=figures,
        spread=spread,
        off_hours=off_hours,
    )
