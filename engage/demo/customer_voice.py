"""When the demo's customers rate, how the hour changes their mood, and what some of them write.

Customers rate around the clock, most in the team's working day (in the zone most of its people are in),
fewest at night. Nights, evenings and weekends go a little worse than weekday days, by how much differs
from team to team, so the teams page has some to list first. About one satisfied customer in eight
writes a comment, most of them praise for the agent by name; some unhappy ones say what went wrong.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from engage.demo.kudos import ACCOUNTS
from engage.kudos.settings import PRAISE as PRAISE_SETTING
from engage.models import Setting

HOURLY_VOLUME = {"night": 0.35, "day": 1.6, "evening": 0.9}  # ratings per hour against the mean
WEEKEND_VOLUME = 0.55
SHIFT_MOOD = {"night": -0.55, "evening": -0.15, "weekend": -0.35, "day": 0.0}  # on the logit scale
TEAM_SHIFT_SENSITIVITY = (0.4, 1.7, 0.8, 1.3, 0.6, 1.0)  # one per customer-facing team, in turn
COMMENT_SHARE = {True: 0.12, False: 0.2}  # of satisfied and of unhappy customers
MIXED_SHARE = 0.2  # of satisfied customers' comments: kind words with a "but", so not praise
ACCOUNT_SHARE = 0.6  # of comments: the help desk names the customer's company

PRAISING = (
    "{name} sorted my refund in one call",
    "{name} was patient and explained everything clearly. Thank you!",
    "Fantastic help from {name}, fixed in minutes",
    "{name} went above and beyond to get our invoices right",
    "Really friendly, {name} found the setting I had missed",
    "Quick, clear and kind. Thanks {name}!",
    "{name} walked our whole team through the new SSO setup",
    "Thank you {name} for staying on until it worked",
)
MIXED = (
    "{name} was lovely but it took three emails to get here",
    "Helpful in the end, but I waited two days for a reply",
)
COMPLAINTS = (
    "Still waiting for the refund I was promised",
    "Had to explain the problem three times",
    "The answer did not fix anything",
    "Nobody replied over the weekend",
)


def _shift(weekday: int, hour: int) -> str:
    if hour < 8:
        return "night"
    if weekday >= 5:
        return "weekend"
    return "day" if hour < 18 else "evening"


def _local_hours(week: date, zone: str) -> list[tuple[int, int]]:
    """(weekday, hour) in the zone of each of the 168 UTC hours of the week starting on `week`."""
    start, local = datetime.combine(week, time(), UTC), ZoneInfo(zone)
    moments = [(start + timedelta(hours=h)).astimezone(local) for h in range(168)]
    return [(moment.weekday(), moment.hour) for moment in moments]


class Shifts:
    """One team's week: when its customers rate, and how each hour moves their mood."""

    def __init__(self, week: date, zone: str, team_number: int) -> None:
        local = _local_hours(week, zone)
        shifts = [_shift(d, h) for d, h in local]
        volume = np.array(
            [
                HOURLY_VOLUME["day" if s == "weekend" else s] * (WEEKEND_VOLUME if d >= 5 else 1.0)
                for s, (d, _) in zip(shifts, local, strict=True)
            ]
        )
        self.cumulative = np.concatenate([[0.0], np.cumsum(volume) / volume.sum()])
        sensitivity = TEAM_SHIFT_SENSITIVITY[team_number % len(TEAM_SHIFT_SENSITIVITY)]
        mood = np.array([SHIFT_MOOD[s] * sensitivity for s in shifts])
        # Centred on the week's ratings: the hours move moods within a week, not the week's CSAT.
        self.mood = mood - np.average(mood, weights=volume)

    def seconds(self, uniform_seconds: list[int]) -> np.ndarray:
        """Seconds into the week, spread as the volume is: uniform draws through the inverse of its CDF."""
        share = np.asarray(uniform_seconds, dtype=float) / (7 * 86400)
        return np.interp(share, self.cumulative, np.arange(169) * 3600.0).astype(int)

    def mood_at(self, seconds: np.ndarray) -> np.ndarray:
        return self.mood[np.minimum(seconds // 3600, 167)]


def comments(
    rng: np.random.Generator, satisfied: list[bool], first_names: list[str]
) -> tuple[list[str | None], list[str | None]]:
    """A comment (or None) and the customer's account (or None) for each rating."""
    texts: list[str | None] = []
    accounts: list[str | None] = []
    for happy, name in zip(satisfied, first_names, strict=True):
        if rng.random() >= COMMENT_SHARE[happy]:
            texts.append(None)
            accounts.append(None)
            continue
        pool = (MIXED if rng.random() < MIXED_SHARE else PRAISING) if happy else COMPLAINTS
        texts.append(pool[rng.integers(len(pool))].format(name=name))
        accounts.append(ACCOUNTS[rng.integers(len(ACCOUNTS))] if rng.random() < ACCOUNT_SHARE else None)
    return texts, accounts


def praise_suggestions_on() -> Setting:
    """The Kudos setting that sends the daily praise DMs, on, so the demo shows them."""
    return Setting(key=PRAISE_SETTING, value="1")
