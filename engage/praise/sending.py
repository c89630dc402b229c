"""Send claimed praise rows, through the pulses' claims, outcomes and recovery (engage/pulses/sending.py).

A DM is composed when it is sent from its row's fixed window, so a retry lists the same praise; a row picked
up again after a sender stopped is first looked up in the DM by its metadata, so it is never posted twice.
"""

import logging
import time
import uuid
from datetime import datetime, timedelta

from slack_sdk import WebClient

from engage.extensions import db
from engage.kudos.settings import get_settings
from engage.models import PraiseDelivery
from engage.praise.queries import Praise, praise_imported
from engage.praise.scheduling import recipients_of
from engage.pulses.clock import local_date
from engage.pulses.posting import PostResult, post_message
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.recovery import find_posted
from engage.pulses.sending import LEASE_EXPIRED, SendReport, claim, finish, record
from engage.slack.blocks.praise import agent_praise, manager_praise

log = logging.getLogger(__name__)

METADATA_EVENT = "engage_praise"
BATCH = 20


def praise_metadata(delivery_id: int) -> dict:
    return {"event_type": METADATA_EVENT, "event_payload": {"delivery_id": delivery_id}}


def praise_of(row: PraiseDelivery) -> list[Praise]:
    """The praise the row's DM lists, read again from its window."""
    found = recipients_of(praise_imported(row.window_start, row.window_end))
    return found.get((row.employee_id, row.kind), [])


def _skip_reason(row: PraiseDelivery, now: datetime) -> str | None:
    employee = row.employee
    if not employee.active or not employee.slack_user_id:
        return "inactive or not linked to Slack"
    if not get_settings().praise_suggestions:
        return "praise suggestions were turned off"
    if local_date(employee.timezone, now) != row.praise_date:
        return "its day is over"
    return None


def _send_one(
    row: PraiseDelivery, now: datetime, client: WebClient, limiter: RateLimiter
) -> PostResult | str:
    """The post's outcome, or why the row is skipped."""
    reason = _skip_reason(row, now)
    if reason:
        return reason
    praise = praise_of(row)
    if not praise:
        return "no praise left to send (the agent left, or moved to another manager)"
    channel = row.employee.slack_user_id
    if row.attempts > 0 or row.last_error == LEASE_EXPIRED:
        found = find_posted(client, channel, row.id, row.created_at, METADATA_EVENT)
        if found is not None:
            return found
    text, blocks = manager_praise(praise) if row.kind == "manager" else agent_praise(praise)
    return post_message(
        client, limiter, channel=channel, text=text, blocks=blocks, metadata=praise_metadata(row.id)
    )


def send_praise(now: datetime, client: WebClient, limiter: RateLimiter) -> SendReport:
    """Send every claimable praise DM; `now` is naive UTC and advances with the wall clock while sending."""
    claimer = uuid.uuid4().hex
    started = time.monotonic()
    report = SendReport()

    def clock() -> datetime:
        return now + timedelta(seconds=time.monotonic() - started)

    while ids := claim(clock(), claimer, BATCH, rows=PraiseDelivery):
        for delivery_id in ids:
            row = db.session.get_one(PraiseDelivery, delivery_id)
            outcome = _send_one(row, clock(), client, limiter)
            if isinstance(outcome, str):
                finish(delivery_id, claimer, PraiseDelivery, status="skipped", last_error=outcome)
                report.skipped += 1
                log.info("skipped praise DM %s: %s", delivery_id, outcome)
            else:
                record(delivery_id, outcome, clock(), claimer, report, rows=PraiseDelivery)
            db.session.commit()
    if report.sent or report.failed or report.retrying:
        log.info(
            "praise DMs: %s sent, %s retrying, %s failed, %s skipped",
            report.sent,
            report.retrying,
            report.failed,
            report.skipped,
        )
    return report
