"""Post the queued messages that are due: claim with a lease, post, record, back off on failure.

The same shape as the pulse sender (engage/pulses/sending.py), without its thread pool: these
messages are few. A sender killed between posting and recording leaves a claim that expires after
LEASE; the message is then posted again (at least once, never lost).
"""

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from slack_sdk import WebClient

from engage.extensions import db
from engage.models import OutgoingMessage
from engage.pulses.posting import PostResult, post_message
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.sending import LEASE, MAX_ATTEMPTS, backoff

log = logging.getLogger(__name__)

BATCH = 50


@dataclass
class OutboxReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def _due(now: datetime):
    return sa.and_(
        OutgoingMessage.status == "pending",
        OutgoingMessage.next_attempt_at <= now,
        sa.or_(OutgoingMessage.claimed_until.is_(None), OutgoingMessage.claimed_until < now),
    )


def claim(now: datetime, claimer: str, limit: int = BATCH) -> list[OutgoingMessage]:
    """Lease up to `limit` due messages to `claimer` and commit."""
    picked = (
        sa.select(OutgoingMessage.id)
        .where(_due(now))
        .order_by(OutgoingMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("picked")
    )
    ids = db.session.scalars(
        sa.update(OutgoingMessage)
        .where(OutgoingMessage.id == picked.c.id, _due(now))
        .values(claimed_until=now + LEASE, claimed_by=claimer)
        .returning(OutgoingMessage.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    if not ids:
        return []
    return list(db.session.scalars(sa.select(OutgoingMessage).where(OutgoingMessage.id.in_(ids))))


def _record(message: OutgoingMessage, result: PostResult, now: datetime, report: OutboxReport) -> None:
    message.claimed_until, message.claimed_by = None, None
    if result.ok:
        message.status, message.slack_ts, message.sent_at, message.last_error = "sent", result.ts, now, None
        message.attempts += 1
        report.sent += 1
        return
    message.last_error = result.error
    if result.retry_after is not None:
        message.next_attempt_at = now + timedelta(seconds=max(result.retry_after, 1.0))
        report.retrying += 1
        return
    message.attempts += 1
    if result.permanent or message.attempts >= MAX_ATTEMPTS:
        message.status = "failed"
        report.failed += 1
        log.error(
            "outgoing message %s failed after %s attempts: %s", message.id, message.attempts, result.error
        )
    else:
        message.next_attempt_at = now + backoff(message.attempts)
        report.retrying += 1
        log.warning("outgoing message %s attempt %s failed (%s)", message.id, message.attempts, result.error)


def send_due(now: datetime, client: WebClient, limiter: RateLimiter) -> OutboxReport:
    """Post every due message; `now` is naive UTC."""
    claimer = uuid.uuid4().hex
    report = OutboxReport()
    while batch := claim(now, claimer):
        for message in batch:
            blocks = json.loads(message.blocks) if message.blocks else None
            result = post_message(client, limiter, channel=message.channel, text=message.text, blocks=blocks)
            _record(message, result, now, report)
            db.session.commit()
    if report.sent or report.failed or report.retrying:
        log.info("outgoing: %s sent, %s retrying, %s failed", report.sent, report.retrying, report.failed)
    return report
