"""The retention settings, and the scheduled job that applies them (both off until an admin sets them)."""

import calendar
import logging
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from engage import audit
from engage.extensions import db
from engage.insights import rollups
from engage.models import Employee, PulseResponse, Setting
from engage.retention.erasure import delete_comments, erase_and_log

log = logging.getLogger(__name__)

COMMENT_MONTHS = "retention.comment_months"
LEAVER_MONTHS = "retention.leaver_months"
MAX_MONTHS = 600


class RetentionError(ValueError):
    """A retention setting that cannot be used; the message says what to give instead."""


@dataclass(frozen=True)
class RetentionSettings:
    comment_months: int | None = None  # None: comments are kept
    leaver_months: int | None = None  # None: people who left are kept


@dataclass(frozen=True)
class RetentionReport:
    comments_deleted: int
    people_erased: int


def get_settings() -> RetentionSettings:
    stored = dict(
        db.session.execute(
            sa.select(Setting.key, Setting.value).where(Setting.key.in_([COMMENT_MONTHS, LEAVER_MONTHS]))
        ).all()
    )
    return RetentionSettings(_months(stored.get(COMMENT_MONTHS)), _months(stored.get(LEAVER_MONTHS)))


def _months(stored: str | None) -> int | None:
    return int(stored) if stored else None


def save_settings(settings: RetentionSettings, actor: audit.Actor) -> None:
    """Store both settings (None turns one off) and log the change; RetentionError changes nothing."""
    for name, months in (
        ("comment text", settings.comment_months),
        ("people who left", settings.leaver_months),
    ):
        if months is not None and not 1 <= months <= MAX_MONTHS:
            raise RetentionError(f"months for {name} must be from 1 to {MAX_MONTHS}, or empty to keep them")
    for key, months in ((COMMENT_MONTHS, settings.comment_months), (LEAVER_MONTHS, settings.leaver_months)):
        row = db.session.get(Setting, key)
        if months is None and row is not None:
            db.session.delete(row)
        elif months is not None:
            row = row or Setting(key=key)
            row.value = str(months)
            db.session.add(row)
    detail = (
        f"comments: {settings.comment_months or 'kept'}, leavers: {settings.leaver_months or 'kept'} (months)"
    )
    audit.record(actor, "settings.retention", "retention", detail)


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` earlier, or that month's last day when it is shorter."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def apply_retention(now: datetime) -> RetentionReport:
    """Delete comment text and erase people who left, as old as the settings say; each step is logged."""
    settings = get_settings()
    comments = people = 0
    if settings.comment_months:
        cutoff = months_before(now, settings.comment_months)
        comments = delete_comments(PulseResponse.answered_at < cutoff)
        if comments:
            audit.record(
                "scheduler", "retention.comments", "comments", f"{comments} older than {cutoff:%Y-%m-%d}"
            )
        db.session.commit()
    if settings.leaver_months:
        cutoff = months_before(now, settings.leaver_months)
        leavers = sa.select(Employee).where(
            Employee.active.is_(False), Employee.erased_at.is_(None), Employee.left_at < cutoff
        )
        for person in list(db.session.scalars(leavers)):
            erase_and_log(person, "scheduler")
            people += 1
    if comments or people:
        rollups.refresh()
        log.info("retention applied: %s comments deleted, %s people erased", comments, people)
    return RetentionReport(comments, people)
