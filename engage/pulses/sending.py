"""Send pending deliveries: claim rows with a lease, post from a thread pool, record outcomes.

A claim is one atomic UPDATE (on PostgreSQL over rows picked FOR UPDATE SKIP LOCKED), so two
senders never hold one row; a sender killed mid-way leaves claims that expire after LEASE and
are then picked up again. Each message carries metadata naming its row, and a row picked up again
(or retried after a failed attempt) is first looked up in the DM, so a message posted but not yet
recorded when the sender died is recorded, not sent twice (engage/pulses/recovery.py). Outcomes are
written as soon as they arrive, before any new claim; all that arrived during the previous write go
in one commit (group commit).
"""

import logging
import queue
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

import sqlalchemy as sa
from slack_sdk import WebClient
from sqlalchemy.engine import CursorResult

from engage.extensions import db
from engage.models import Employee, PulseDelivery, Question, Team
from engage.models.pulses import asked_text
from engage.pulses.clock import local_date
from engage.pulses.posting import PostResult, post_message
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.recovery import find_posted, pulse_metadata
from engage.slack.blocks.pulses import SERVICE_HINT, pulse_message, pulse_text

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(minutes=30)
BATCH = 200
QUEUED_PER_WORKER = 4  # claims ahead of the workers stay short, far inside the lease
LEASE_EXPIRED = "re-claimed: an earlier sender stopped before recording this row"


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class Outgoing:
    delivery_id: int
    channel: str
    question_text: str
    scale: str
    look_since: datetime | None = None  # set: first look in the DM for a message posted after this
    rates_a_team: bool = False  # an internal service question (engage.internal_service)


def backoff(attempts: int) -> timedelta:
    return min(BACKOFF_BASE * 2 ** (attempts - 1), BACKOFF_CAP)


def _claimable(now: datetime, rows=PulseDelivery):
    return sa.and_(
        rows.status == "pending",
        rows.next_attempt_at <= now,
        sa.or_(rows.claimed_until.is_(None), rows.claimed_until < now),
    )


def claim(now: datetime, claimer: str, limit: int = BATCH, rows=PulseDelivery) -> list[int]:
    """Lease up to `limit` due rows to `claimer`; commit; return their ids.

    rows: the delivery model (PulseDelivery, or another with the same status and claim columns).
    A row whose earlier lease expired gets last_error LEASE_EXPIRED (the SET sees the old claimed_by).
    """
    # A CTE is evaluated once; an IN (subquery ... LIMIT) may be re-run by PostgreSQL's planner.
    picked = (
        sa.select(rows.id)
        .where(_claimable(now, rows))
        .order_by(rows.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("picked")
    )
    result = db.session.execute(
        sa.update(rows)
        .where(rows.id == picked.c.id, _claimable(now, rows))
        .values(
            claimed_until=now + LEASE,
            claimed_by=claimer,
            last_error=sa.case((rows.claimed_by.is_not(None), LEASE_EXPIRED), else_=rows.last_error),
        )
        .returning(rows.id)
        .execution_options(synchronize_session=False)
    )
    ids = sorted(result.scalars())
    db.session.commit()
    return ids


def finish(delivery_id: int, claimer: str, rows=PulseDelivery, **values) -> bool:
    """Write a claimed row's outcome and release it; False when the claim was no longer this claimer's."""
    result = db.session.execute(
        sa.update(rows)
        .where(rows.id == delivery_id, rows.claimed_by == claimer)
        .values(claimed_until=None, claimed_by=None, **values)
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult, result).rowcount == 1


def _prepare(ids: list[int], now: datetime, claimer: str, report: SendReport) -> list[Outgoing]:
    """Turn claimed rows into messages; skip rows whose day is over or whose person opted out."""
    rows = db.session.execute(
        sa.select(
            PulseDelivery.id,
            PulseDelivery.pulse_date,
            PulseDelivery.attempts,
            PulseDelivery.last_error,
            PulseDelivery.created_at,
            Employee,
            Question.text,
            Question.scale,
            Team.name,
        )
        .join(Employee, Employee.id == PulseDelivery.employee_id)
        .join(Question, Question.id == PulseDelivery.question_id)
        .outerjoin(Team, Team.id == PulseDelivery.served_team_id)
        .where(PulseDelivery.id.in_(ids))
    ).all()
    outgoing = []
    for delivery_id, pulse_date, attempts, last_error, created_at, employee, text, scale, served in rows:
        reason = None
        if not employee.active or employee.pulse_paused or not employee.slack_user_id:
            reason = "paused, inactive or not linked to Slack"
        elif local_date(employee.timezone, now) != pulse_date:
            reason = "its day is over"
        if reason or employee.slack_user_id is None:
            finish(delivery_id, claimer, status="skipped", last_error=reason)
            report.skipped += 1
            log.info("skipped pulse delivery %s: %s", delivery_id, reason)
            continue
        maybe_posted = attempts > 0 or last_error == LEASE_EXPIRED
        outgoing.append(
            Outgoing(
                delivery_id,
                employee.slack_user_id,
                asked_text(text, served),
                scale,
                look_since=created_at if maybe_posted else None,
                rates_a_team=served is not None,
            )
        )
    db.session.commit()
    return outgoing


def _post(client: WebClient, limiter: RateLimiter, item: Outgoing) -> PostResult:
    if item.look_since is not None:
        found = find_posted(client, item.channel, item.delivery_id, item.look_since)
        if found is not None:
            return found
    return post_message(
        client,
        limiter,
        channel=item.channel,
        text=pulse_text(item.question_text),
        blocks=pulse_message(
            item.delivery_id, item.question_text, item.scale, SERVICE_HINT if item.rates_a_team else None
        ),
        metadata=pulse_metadata(item.delivery_id),
    )


def record(
    delivery_id: int,
    result: PostResult,
    now: datetime,
    claimer: str,
    report: SendReport,
    rows=PulseDelivery,
) -> None:
    """Write a post's outcome on its claimed row: sent, retry later (with back-off), or failed."""
    kind = rows.__tablename__
    if result.ok:
        if not finish(
            delivery_id,
            claimer,
            rows,
            status="sent",
            slack_channel=result.channel,
            slack_ts=result.ts,
            sent_at=now,
            last_error=None,
            attempts=rows.attempts + 1,
        ):
            log.warning("%s %s sent after its claim expired", kind, delivery_id)
        report.sent += 1
        return
    if result.retry_after is not None:
        finish(
            delivery_id,
            claimer,
            rows,
            last_error=result.error,
            next_attempt_at=now + timedelta(seconds=result.retry_after),
        )
        report.retrying += 1
        return
    attempts = db.session.execute(sa.select(rows.attempts).where(rows.id == delivery_id)).scalar_one() + 1
    if result.permanent or attempts >= MAX_ATTEMPTS:
        finish(delivery_id, claimer, rows, status="failed", attempts=attempts, last_error=result.error)
        report.failed += 1
        log.error("%s %s failed after %s attempts: %s", kind, delivery_id, attempts, result.error)
    else:
        finish(
            delivery_id,
            claimer,
            rows,
            attempts=attempts,
            last_error=result.error,
            next_attempt_at=now + backoff(attempts),
        )
        report.retrying += 1
        log.warning("%s %s attempt %s failed (%s); retrying later", kind, delivery_id, attempts, result.error)


def _submit(
    pool: ThreadPoolExecutor, client: WebClient, limiter: RateLimiter, item: Outgoing, results: queue.Queue
) -> None:
    def done(future: Future) -> None:
        exc = future.exception()
        results.put((item, PostResult(error=f"unexpected: {exc}"[:300]) if exc else future.result()))

    pool.submit(_post, client, limiter, item).add_done_callback(done)


def _arrived(results: queue.Queue, wait: bool) -> list:
    arrived = [results.get()] if wait else []
    while True:
        try:
            arrived.append(results.get_nowait())
        except queue.Empty:
            return arrived


def send_pending(now: datetime, client: WebClient, limiter: RateLimiter, workers: int = 4) -> SendReport:
    """Send every claimable delivery; `now` is naive UTC and advances with the wall clock while sending."""
    claimer = uuid.uuid4().hex
    started = time.monotonic()
    report = SendReport()
    workers = max(workers, 1)
    results: queue.Queue = queue.Queue()
    in_flight = 0
    exhausted = False

    def clock() -> datetime:
        return now + timedelta(seconds=time.monotonic() - started)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pulse-send") as pool:
        while True:
            can_claim = not exhausted and in_flight < workers * QUEUED_PER_WORKER
            if not can_claim and in_flight == 0:
                break
            arrived = _arrived(results, wait=not can_claim)
            if arrived:  # recorded before anything else: a crash leaves as few rows to look up as possible
                for item, result in arrived:
                    record(item.delivery_id, result, clock(), claimer, report)
                db.session.commit()
                in_flight -= len(arrived)
                continue
            ids = claim(clock(), claimer, limit=min(BATCH, workers * QUEUED_PER_WORKER))
            exhausted = not ids
            for item in _prepare(ids, clock(), claimer, report):
                _submit(pool, client, limiter, item, results)
                in_flight += 1
    if report.sent or report.failed or report.retrying:
        log.info(
            "pulses: %s sent, %s retrying, %s failed, %s skipped",
            report.sent,
            report.retrying,
            report.failed,
            report.skipped,
        )
    return report
