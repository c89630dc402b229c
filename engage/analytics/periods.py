"""Day, week (Monday) and month periods."""

from datetime import date, timedelta

import pandas as pd

GRANULARITIES = ("day", "week", "month")


def check_granularity(granularity: str) -> None:
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}, got {granularity!r}")


def period_start(day: date, granularity: str) -> date:
    """The first day of the period holding day."""
    check_granularity(granularity)
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def next_period(start: date, granularity: str) -> date:
    if granularity == "week":
        return start + timedelta(days=7)
    if granularity == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)


def snap(start: date, end: date, granularity: str) -> tuple[date, date]:
    """Widen [start, end] (inclusive) to whole periods; returns the first and last period starts."""
    if end < start:
        raise ValueError(f"the start date {start.isoformat()} is after the end date {end.isoformat()}")
    return period_start(start, granularity), period_start(end, granularity)


def period_starts(first: date, last: date, granularity: str) -> list[date]:
    """Every period start from first to last, inclusive."""
    out, current = [], period_start(first, granularity)
    while current <= last:
        out.append(current)
        current = next_period(current, granularity)
    return out


def label(start: date, granularity: str) -> str:
    if granularity == "month":
        return start.strftime("%Y-%m")
    if granularity == "week":
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return start.isoformat()


def period_series(values: pd.Series, granularity: str) -> pd.Series:
    """Period start of each date in a series of dates or timestamps."""
    days = pd.to_datetime(values).dt.normalize()
    if granularity == "week":
        days = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    elif granularity == "month":
        days = days - pd.to_timedelta(days.dt.day - 1, unit="D")
    return days.dt.date
