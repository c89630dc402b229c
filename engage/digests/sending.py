"""Send claimed digest rows, through the pulses' claims, outcomes and recovery (engage/pulses/sending.py).

A digest is composed when it is sent, so a retry reads the freshest figures; a row picked up again after
a sender stopped is first looked up in the DM by its metadata, so it is never posted twice.
"""

import logging
import time
import uuid
from datetime import datetime, timedelta

from slack_sdk import WebClient

from engage.digests.figures import compose
from engage.digests.recipients import Recipient, still_wanted
from engage.extensions import db
from engage.models import DigestDelivery
from engage.pulses.clock import local_date
from engage.pulses.posting import PostResult, post_message
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.recovery import find_posted
from engage.pulses.sending import LEASE_EXPIRED, SendReport, claim, finish, record
from engage.slack.blocks.digests import digest_blocks, digest_text

log = logging.getLogger(__name__)

METADATA_EVENT = "engage_digest"
BATCH = 20  # composed one by one: a batch stays far inside the claim's lease


def digest_metadata(delivery_id: int) -> dict:
    return {"event_type": METADATA_EVENT, "event_payload": {"delivery_id": delivery_id}}


def _skip_reason(row: DigestDelivery, now: datetime) -> str | None:
    employee = row.employee
    if not employee.active or not employee.slack_user_id:
        return "inactive or not linked to Slack"
    if not still_wanted(employee, row.kind):
        return "turned off, or no longer a manager or HR"
    if local_date(employee.timezone, now) != row.digest_date:
        return "its day is over"
    return None


def _send_one(
    row: DigestDelivery, now: datetime, claimer: str, client: WebClient, limiter: RateLimiter
) -> PostResult | str:
    """The post's outcome, or why the row is skipped."""
    reason = _skip_reason(row, now)
    if reason:
        return reason
    digest = compose(Recipient(row.employee, row.kind), row.digest_date)
    if digest is None:
        return "no team to report on"
    channel = row.employee.slack_user_id
    if row.attempts > 0 or row.last_error == LEASE_EXPIRED:
        found = find_posted(client, channel, row.id, row.created_at, METADATA_EVENT)
        if found is not None:
            return found
    return post_message(
        client,
        limiter,
        channel=channel,
        text=digest_text(digest),
        blocks=digest_blocks(digest),
        metadata=digest_metadata(row.id),
    )


def send_digests(now: datetime, client: WebClient, limiter: RateLimiter) -> SendReport:
    """Send every claimable digest; `now` is naive UTC and advances with the wall clock while sending."""
    claimer = uuid.uuid4().hex
    started = time.monotonic()
    report = SendReport()

    def clock() -> datetime:
        return now + timedelta(seconds=time.monotonic() - started)

    while ids := claim(clock(), claimer, BATCH, rows=DigestDelivery):
        for delivery_id in ids:
            row = db.session.get_one(DigestDelivery, delivery_id)
            outcome = _send_one(row, clock(), claimer, client, limiter)
            if isinstance(outcome, str):
                finish(delivery_id, claimer, DigestDelivery, status="skipped", last_error=outcome)
                report.skipped += 1
                log.info("skipped digest %s: %s", delivery_id, outcome)
            else:
                record(delivery_id, outcome, clock(), claimer, report, rows=DigestDelivery)
            db.session.commit()
    if report.sent or report.failed or report.retrying:
        log.info(
            "digests: %s sent, %s retrying, %s failed, %s skipped",
            report.sent,
            report.retrying,
            report.failed,
            report.skipped,
        )
    return report
