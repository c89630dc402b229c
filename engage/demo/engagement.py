"""Each demo team's latent weekly engagement: a mean-reverting random walk that drives
both its pulse answers and, two weeks later, its customers' ratings."""
from datetime import date, timedelta

import numpy as np

CSAT_LAG_WEEKS = 2
PERSISTENCE = 0.5


class Engagement:
    def __init__(self, rng: np.random.Generator, team_ids: list[int], first_day: date, weeks: int) -> None:
        self.first_monday = first_day - timedelta(days=first_day.weekday())
        self.series: dict[int, np.ndarray] = {}
        for team_id in team_ids:
            base = rng.normal(0, 0.25)
            walk = np.zeros(weeks + CSAT_LAG_WEEKS + 1)
            for w in range(1, len(walk)):
                walk[w] = PERSISTENCE * walk[w - 1] + rng.normal(0, 1)
            self.series[team_id] = base + walk

    def week(self, day: date) -> int:
        return (day - self.first_monday).days // 7

    def level(self, team_id: int, day: date, weeks_before: int = 0) -> float:
        return float(self.series[team_id][self.week(day) + CSAT_LAG_WEEKS - weeks_before])
