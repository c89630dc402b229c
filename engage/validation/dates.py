"""The dates engage accepts from input, and how to read them."""

import re
from datetime import UTC, date, datetime, timedelta

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
SUPPORTED = f"{EARLIEST.year}-{LATEST.year}"
# YYYY-MM-DD in the years EARLIEST to LATEST, for the OpenAPI document (which can't compare dates).
SUPPORTED_DATE_PATTERN = r"^(20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$"
# Only YYYY-MM-DD: date.fromisoformat also reads 20260301 and 2026-W09-7.
YYYY_MM_DD = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
CLOCK_SKEW = timedelta(days=1)


class DateInputError(ValueError):
    """A date from input that cannot be used; the message says what to fix."""


def in_supported_range(day: date, name: str) -> date:
    """`day`, or DateInputError when it is outside the years engage accepts."""
    if not EARLIEST <= day <= LATEST:
        raise DateInputError(
            f"{name} {day.isoformat()} is outside the years engage accepts "
            f"({SUPPORTED}); give a date in that range"
        )
    return day


def parse_date(raw: str, name: str) -> date:
    """A YYYY-MM-DD date within the supported years."""
    text = raw.strip()
    try:
        day = date.fromisoformat(text) if YYYY_MM_DD.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None:
        raise DateInputError(f"{name} must be a date as YYYY-MM-DD, not {raw!r}")
    return in_supported_range(day, name)


def parse_moment(raw: str, name: str, example: str = "2026-03-01T14:05:00+01:00") -> datetime:
    """An ISO 8601 time within the supported years, as naive UTC (a time without a zone is taken as UTC)."""
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise DateInputError(f"{name} {raw!r} is not an ISO 8601 time (e.g. {example})") from None
    # Checked before converting: near year 1 or 9999 the conversion to UTC itself overflows.
    in_supported_range(moment.date(), name)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def not_in_future(moment: datetime, now: datetime, name: str) -> datetime:
    """`moment` (naive UTC), or DateInputError when it is later than now plus a day of clock skew."""
    if moment > now + CLOCK_SKEW:
        raise DateInputError(
            f"{name} {moment.isoformat()}Z is in the future (now is "
            f"{now.replace(microsecond=0).isoformat()}Z); check the time and its zone"
        )
    return moment


def day_not_in_future(day: date, today: date, name: str) -> date:
    """`day`, or DateInputError when it is after today plus a day (a person ahead of UTC is on "tomorrow")."""
    if day > today + CLOCK_SKEW:
        raise DateInputError(
            f"{name} {day.isoformat()} is in the future (today is {today.isoformat()}); "
            "give the day the answer was given"
        )
    return day
