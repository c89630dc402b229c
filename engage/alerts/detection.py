"""Which teams' figures fell beyond their noise in a week, read from the rollups as everyone sees them.

Figures come through the same confidentiality rules as the dashboard (decided on the whole tree): a
withheld week is not a week at all, so a group under the threshold can neither raise an alert nor
take part in one.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from engage.alerts.noise import TRAILING_WEEKS, Drop, drop_beyond_noise
from engage.auth.access import Principal
from engage.insights.reading import confidential_values
from engage.insights.scope import load_tree, thresholds

SEES_EVERY_TEAM = Principal(role="hr", employee_id=None)
METRICS = ["engagement", "participation", "csat"]
PARTICIPATION_MIN_DROP = 15.0  # percentage points: "sharp", not merely beyond the noise
MIN_DROPS = {"engagement": 0.0, "csat_pct": 0.0, "participation": PARTICIPATION_MIN_DROP}


@dataclass(frozen=True)
class Detected:
    team_id: int
    team_name: str
    kind: str
    week_start: date
    drops: dict[str, Drop]


def _series(values: pd.DataFrame, weeks: list[date]) -> dict[tuple[int, str], list[float]]:
    """(team, metric) -> one value per week, NaN where withheld or missing."""
    table = values.pivot_table(
        index=["scope", "metric"], columns="period_start", values="value", dropna=False
    )
    table = table.reindex(columns=weeks)
    return {key: [float(v) for v in row] for key, row in zip(table.index, table.to_numpy(), strict=True)}


def detect(week_start: date) -> list[Detected]:
    """Teams whose engagement and CSAT both fell beyond their noise in the week, or whose participation
    fell sharply."""
    tree = load_tree(SEES_EVERY_TEAM)
    teams = sorted(tree.names)
    if not teams:
        return []
    weeks = [week_start - timedelta(weeks=k) for k in range(TRAILING_WEEKS, -1, -1)]
    threshold, _ = thresholds()
    values = confidential_values(tree, teams, "week", weeks[0], week_start, threshold, METRICS)
    if values.empty:
        return []
    series = _series(values, weeks)
    found = []
    for team in teams:
        drops = _drops(series, team)
        if "engagement" in drops and "csat_pct" in drops:
            both = {m: drops[m] for m in ("engagement", "csat_pct")}
            found.append(Detected(team, tree.name(team), "engagement_csat", week_start, both))
        if "participation" in drops:
            sharp = {"participation": drops["participation"]}
            found.append(Detected(team, tree.name(team), "participation", week_start, sharp))
    return found


def _drops(series: dict[tuple[int, str], list[float]], team: int) -> dict[str, Drop]:
    """The team's figures whose last week fell beyond the noise (and, for participation, sharply)."""
    drops = {}
    for metric, min_drop in MIN_DROPS.items():
        weekly = series.get((team, metric))
        drop = drop_beyond_noise(weekly[-1], weekly[:-1], min_drop) if weekly else None
        if drop is not None:
            drops[metric] = drop
    return drops
