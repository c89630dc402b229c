"""Post the queued messages that are due: claim with a lease, post, record, back off on failure.

The same shape as the pulse sender (engage/pulses/sending.py: its claim, its recovery), without its
thread pool: these messages are few. Each message carries metadata naming its row; a row claimed
again after its lease expired, or sent again after a failed attempt, is first looked up in its
conversation, so a sender killed between posting and recording does not post it twice.
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
from engage.pulses.recovery import find_posted
from engage.pulses.sending import LEASE_EXPIRED, MAX_ATTEMPTS, backoff, claim

log = logging.getLogger(__name__)

BATCH = 50
METADATA_EVENT = "engage_outgoing"


def outgoing_metadata(message_id: int) -> dict:
    return {"event_type": METADATA_EVENT, "event_payload": {"delivery_id": message_id}}


@dataclass
class OutboxReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


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


def _post(message: OutgoingMessage, client: WebClient, limiter: RateLimiter) -> PostResult:
    if message.attempts > 0 or message.last_error == LEASE_EXPIRED:
        found = find_posted(client, message.channel, message.id, message.created_at, METADATA_EVENT)
        if found is not None:
            return found
    return post_message(
        client,
        limiter,
        channel=message.channel,
        text=message.text,
        blocks=json.loads(message.blocks) if message.blocks else None,
        metadata=outgoing_metadata(message.id),
    )


def send_due(now: datetime, client: WebClient, limiter: RateLimiter) -> OutboxReport:
    """Post every due message; `now` is naive UTC."""
    claimer = uuid.uuid4().hex
    report = OutboxReport()
    while ids := claim(now, claimer, BATCH, rows=OutgoingMessage):
        for message in db.session.scalars(sa.select(OutgoingMessage).where(OutgoingMessage.id.in_(ids))):
            _record(message, _post(message, client, limiter), now, report)
            db.session.commit()
    if report.sent or report.failed or report.retrying:
        log.info("outgoing: %s sent, %s retrying, %s failed", report.sent, report.retrying, report.failed)
    return report
