"""Local time of employees: their own IANA zone, else the company's (ENGAGE_TIMEZONE)."""

import logging
from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app

log = logging.getLogger(__name__)


@cache
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def zone_for(tz_name: str | None) -> ZoneInfo:
    default = current_app.config["ENGAGE_TIMEZONE"]
    zone = _zone(tz_name) if tz_name else None
    if zone is None:
        if tz_name:
            log.warning("unknown time zone %r, using %s", tz_name, default)
        zone = _zone(default) or ZoneInfo("UTC")
    return zone


def local_time(tz_name: str | None, now: datetime) -> datetime:
    """`now` is naive UTC (as stored); the answer is aware, in the person's zone."""
    return now.replace(tzinfo=UTC).astimezone(zone_for(tz_name))


def local_date(tz_name: str | None, now: datetime) -> date:
    return local_time(tz_name, now).date()


def is_pulse_time(local: datetime, hour: int, weekdays: tuple[int, ...]) -> bool:
    """A pulse day (ENGAGE_PULSE_DAYS, Mon-Fri by default) in the person's zone, at or after the hour."""
    return local.weekday() in weekdays and local.hour >= hour
