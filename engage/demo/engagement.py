"""Each demo team's engagement: a steady team level plus a weekly mean-reverting swing (both in
standard deviations) that drives its pulse answers and, two weeks later, part of its customers' ratings.

Weeks are counted back from the week of the last demo day, and each week's random draws come from
their own stream, so one seed gives the same company whatever day it is seeded on.
"""

from datetime import date, timedelta

import numpy as np

CSAT_LAG_WEEKS = 2
PERSISTENCE = 0.3  # a week's swing carries this much into the next
HISTORY_WEEKS = 60  # more than the demo's 53 calendar weeks and the lag


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


class Engagement:
    def __init__(self, seed: int, team_ids: list[int], last_day: date) -> None:
        self.seed = seed
        self.last_monday = monday(last_day)
        rng = self.stream("engagement")
        self.team_level = {team_id: float(rng.normal()) for team_id in team_ids}
        self.swings: dict[int, np.ndarray] = {}
        shock_sd = np.sqrt(1 - PERSISTENCE**2)  # so that each swing has a standard deviation of 1
        for team_id in team_ids:
            oldest_first = np.empty(HISTORY_WEEKS)
            oldest_first[0] = rng.normal()
            for w in range(1, HISTORY_WEEKS):
                oldest_first[w] = PERSISTENCE * oldest_first[w - 1] + rng.normal(0, shock_sd)
            self.swings[team_id] = oldest_first[::-1]

    def weeks_ago(self, day: date) -> int:
        return (self.last_monday - monday(day)).days // 7

    def swing(self, team_id: int, day: date, weeks_before: int = 0) -> float:
        return float(self.swings[team_id][self.weeks_ago(day) + weeks_before])

    def stream(self, purpose: str, *keys: int) -> np.random.Generator:
        """Random numbers of their own for one purpose (and e.g. one week), the same for the same seed."""
        return np.random.default_rng([self.seed, *purpose.encode(), *keys])
