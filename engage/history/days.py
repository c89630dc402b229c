"""The answer days a history file may give.

Mirrors parse_date of the shared date checks (engage/validation/dates.py, not on this branch yet):
when they land, call those instead of this module.
"""
from datetime import date, timedelta

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
SUPPORTED = f"{EARLIEST.year}-{LATEST.year}"
CLOCK_SKEW = timedelta(days=1)  # a person ahead of UTC answers on "tomorrow"


class DateInputError(ValueError):
    """A date from input that cannot be used; the message says what to fix."""


def parse_date(raw: str, name: str) -> date:
    """A YYYY-MM-DD date within the supported years."""
    try:
        day = date.fromisoformat(raw.strip())
    except ValueError:
        raise DateInputError(f"{name} must be a date as YYYY-MM-DD, not {raw!r}") from None
    if not EARLIEST <= day <= LATEST:
        raise DateInputError(f"{name} {day.isoformat()} is outside the years engage accepts "
                             f"({SUPPORTED}); give a date in that range")
    return day


def not_in_future(day: date, today: date, name: str) -> date:
    if day > today + CLOCK_SKEW:
        raise DateInputError(f"{name} {day.isoformat()} is in the future (today is {today.isoformat()}); "
                             "give the day the answer was given")
    return day
