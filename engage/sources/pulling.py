"""Pull a source's new and changed ratings and solved tickets by page, each stored with its cursor."""

import logging
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError

from engage.csat.batches import RatingsRejected
from engage.csat.importer import ImportSummary, write_checked
from engage.csat.outcomes import record_ticket_outcomes
from engage.csat.rows import RatingRow
from engage.csat.scales import FieldError, normalise
from engage.csat.teams import TeamResolver
from engage.csat.ticket_rows import TicketRow, check_ticket
from engage.extensions import db
from engage.models import RatingSource
from engage.models.base import utcnow
from engage.security.encryption import UnreadableSecret
from engage.sources.connectors.base import PulledRating, PulledTicket
from engage.sources.credentials import connector_for
from engage.sources.http import RateLimited, SourceError

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=30)  # a pull that died holding its claim frees it after this
FIRST_BACKOFF = timedelta(minutes=1)
LONGEST_BACKOFF = timedelta(hours=6)


@dataclass
class PullReport:
    source: str
    pulled: int = 0
    created: int = 0
    updated: int = 0
    unmapped: int = 0
    pages: int = 0
    tickets: int = 0
    tickets_created: int = 0
    tickets_updated: int = 0
    finished: bool = False
    error: str | None = None

    def describe(self) -> str:
        text = (
            f"{self.source}: {self.pulled} ratings pulled, {self.created} new, {self.updated} updated, "
            f"{self.unmapped} without a team"
        )
        if self.tickets:
            text += (
                f"; {self.tickets} solved tickets pulled, {self.tickets_created} new, "
                f"{self.tickets_updated} updated"
            )
        if self.error:
            return f"{text}; stopped: {self.error}"
        return text if self.finished else f"{text}; more to come on the next pull"


def _claim(source_id: int, now: datetime) -> bool:
    """Take the source for one pull, unless another pull (scheduler, page, CLI) has it."""
    table = RatingSource.__table__
    result = db.session.execute(
        table.update()
        .where(table.c.id == source_id, sa.or_(table.c.pulling_until.is_(None), table.c.pulling_until < now))
        .values(pulling_until=now + LEASE)
    )
    claimed = cast(CursorResult, result).rowcount == 1
    db.session.commit()
    return claimed


class _Rows:
    """Turns pulled ratings and tickets into rows to store, counting those no team can be found for."""

    def __init__(self, source: str) -> None:
        self.source, self.resolver = source, TeamResolver()
        self.unplaced: Counter[str] = Counter()

    def values(self, rating: PulledRating) -> dict | None:
        email = rating.agent_email.strip().lower()[:254] if rating.agent_email else None
        try:
            normalised = normalise("csat", rating.scale, rating.value)
            row = RatingRow(
                self.source, rating.external_id, rating.rated_at, normalised, None, rating.group, email
            )
            team_id = self.resolver.team_id(row)
        except FieldError as exc:
            self.unplaced[exc.message] += 1
            return None
        return {
            "source": self.source,
            "external_id": rating.external_id,
            "kind": normalised.kind,
            "raw_value": normalised.raw_value,
            "score": normalised.score,
            "satisfied": normalised.satisfied,
            "rated_at": rating.rated_at,
            "team_id": team_id,
            "agent_email": email,
            "comment": rating.comment,
            "account": rating.account.strip()[:200] or None if rating.account else None,
        }

    def ticket(self, ticket: PulledTicket) -> TicketRow | None:
        """The ticket to store, or None (counted) where it would make record_ticket_outcomes refuse a page."""
        email = ticket.agent_email.strip().lower()[:254] if ticket.agent_email else None
        row = TicketRow(
            self.source,
            ticket.external_id,
            ticket.solved_at,
            ticket.first_contact_resolved,
            group=ticket.group,
            agent_email=email,
        )
        try:
            problems = check_ticket(row, utcnow())  # the checks record_ticket_outcomes makes
            self.resolver.team_id(row)
        except FieldError as exc:
            problems = [exc]
        if problems:
            self.unplaced[f"solved tickets: {problems[0].message}"] += 1
            return None
        return row


def _backoff(failures: int) -> timedelta:
    return min(FIRST_BACKOFF * 2 ** (failures - 1), LONGEST_BACKOFF)


def _record_failure(source: RatingSource, exc: Exception, now: datetime) -> None:
    source.last_error, source.last_error_at = str(exc), now
    if isinstance(exc, RateLimited):
        source.next_try_at = now + timedelta(seconds=exc.retry_after)
    else:
        source.failures += 1
        source.next_try_at = now + _backoff(source.failures)
    log.warning(
        "pull of source %s failed (%s in a row), next try at %s: %s",
        source.name,
        source.failures,
        source.next_try_at,
        exc,
    )


def pull(source: RatingSource, now: datetime | None = None, seconds: float | None = None) -> PullReport:
    """Pull until the help desk has no more, or for about `seconds`; the next pull resumes."""
    now = now or utcnow()
    report, source_id = PullReport(source.name), source.id
    if not _claim(source_id, now):
        report.error = "another pull of this source is running"
        return report
    deadline = time.monotonic() + seconds if seconds is not None else None
    source = db.session.get_one(RatingSource, source_id)
    source.last_attempt_at, source.pull_requested_at = now, None
    rows = _Rows(source.name)
    try:
        connector = connector_for(source)
        source.groups = connector.groups()
        for page in connector.pages(source.cursor, source.since):
            summary = ImportSummary()
            write_checked(filter(None, map(rows.values, page.ratings)), summary)
            if page.tickets:
                solved = record_ticket_outcomes(list(filter(None, map(rows.ticket, page.tickets))))
                report.tickets += len(page.tickets)
                report.tickets_created += solved.created
                report.tickets_updated += solved.updated
            source.cursor = page.cursor
            db.session.commit()
            report.pages += 1
            report.pulled += len(page.ratings)
            report.created += summary.created
            report.updated += summary.updated
            if deadline is not None and time.monotonic() > deadline:
                break
        else:
            report.finished = True
    except (SourceError, UnreadableSecret, IntegrityError, RatingsRejected) as exc:
        db.session.rollback()
        source = db.session.get_one(RatingSource, source_id)
        if isinstance(exc, IntegrityError | RatingsRejected):
            # Rows checked before: only another import writing the same ones at the same time is refused.
            exc = SourceError("another import wrote the same ratings at the same time: the next pull retries")
        report.error = str(exc)
        _record_failure(source, exc, now)
    else:
        source.failures, source.next_try_at, source.last_success_at = 0, None, utcnow()
        if not report.finished:
            source.pull_requested_at = now  # the scheduler carries on within a minute
    report.unmapped = sum(rows.unplaced.values())
    source.pulled, source.created, source.updated = report.pulled, report.created, report.updated
    source.unmapped = report.unmapped
    source.unmapped_note = "; ".join(f"{n} x {why}" for why, n in rows.unplaced.most_common(5)) or None
    source.pulling_until = None
    db.session.commit()
    log.info("pulled source %s: %s", source.name, report.describe())
    return report


def due_sources(now: datetime) -> list[RatingSource]:
    """Sources whose back-off is over, or without one whose interval has passed or a push asked for."""
    every = timedelta(minutes=current_app.config["SOURCES_PULL_MINUTES"])
    retry_now = sa.and_(RatingSource.next_try_at.is_not(None), RatingSource.next_try_at <= now)
    turn_come = sa.and_(
        RatingSource.next_try_at.is_(None),
        sa.or_(
            RatingSource.pull_requested_at.is_not(None),
            RatingSource.last_attempt_at.is_(None),
            RatingSource.last_attempt_at <= now - every,
        ),
    )
    return list(
        db.session.scalars(
            sa.select(RatingSource)
            .where(~RatingSource.paused, sa.or_(retry_now, turn_come))
            .order_by(RatingSource.id)
        )
    )


def pull_due(now: datetime | None = None) -> list[PullReport]:
    """Pull every source whose turn has come (its interval, a webhook's request, the end of a back-off)."""
    now = now or utcnow()
    return [pull(source, now) for source in due_sources(now)]
