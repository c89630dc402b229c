"""The drivers that moved most: each driver's score over the last weeks against the weeks before.

A window pools the weeks in which the driver's figure may be shown (as the heatmap pools months), so
only figures the dashboard would show go into it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from engage.insights.reading import confidential_values
from engage.insights.scope import Tree, thresholds

WINDOW_WEEKS = 4
SHOWN = 3


@dataclass(frozen=True)
class DriverMove:
    driver: str
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


def _pooled(values: pd.DataFrame) -> dict[str, float]:
    shown = values[~values["withheld"].astype(bool) & values["value"].notna() & (values["n"] > 0)]
    weighted = (shown["value"] * shown["n"]).groupby(shown["metric"]).sum()
    answers = shown["n"].groupby(shown["metric"]).sum()
    return {m.removeprefix("driver:"): float(weighted[m] / answers[m]) for m in answers.index}


def driver_moves(tree: Tree, scope: int, last_week: date) -> list[DriverMove]:
    """The SHOWN drivers with the largest change between the two windows ending with last_week."""
    threshold, _ = thresholds()
    after_from = last_week - timedelta(weeks=WINDOW_WEEKS - 1)
    first = after_from - timedelta(weeks=WINDOW_WEEKS)
    values = confidential_values(tree, [scope], "week", first, last_week, threshold, ["driver:*"])
    if values.empty:
        return []
    values = values[values["metric"].str.startswith("driver:")]
    after_rows = values["period_start"] >= after_from
    before, after = _pooled(values[~after_rows]), _pooled(values[after_rows])
    moves = [DriverMove(d, round(before[d], 1), round(after[d], 1)) for d in sorted(after) if d in before]
    moves.sort(key=lambda m: (-abs(m.change), m.driver))
    return [m for m in moves if m.change != 0][:SHOWN]
