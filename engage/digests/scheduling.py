"""Write the digest rows of everyone whose digest day and pulse hour have come in their own time zone."""

import logging
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from engage.digests.recipients import digest_recipients
from engage.extensions import db
from engage.models import DigestDelivery
from engage.pulses.clock import local_time
from engage.upsert import insert_ignoring_duplicates

log = logging.getLogger(__name__)


def schedule_digests(now: datetime) -> int:
    """Pending rows for today's digests; the unique key keeps it to one per person, kind and day."""
    hour, weekday = current_app.config["PULSE_LOCAL_HOUR"], current_app.config["DIGEST_WEEKDAY"]
    due = {}
    for recipient in digest_recipients():
        local = local_time(recipient.employee.timezone, now)
        if local.weekday() == weekday and local.hour >= hour:
            due[(recipient.employee.id, recipient.kind)] = local.date()
    if not due:
        return 0
    existing = db.session.execute(
        sa.select(DigestDelivery.employee_id, DigestDelivery.kind, DigestDelivery.digest_date).where(
            DigestDelivery.digest_date.in_(set(due.values()))
        )
    )
    for employee_id, kind, day in existing:
        if due.get((employee_id, kind)) == day:
            del due[(employee_id, kind)]
    rows = [
        {
            "employee_id": employee_id,
            "kind": kind,
            "digest_date": day,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for (employee_id, kind), day in due.items()
    ]
    insert_ignoring_duplicates(DigestDelivery, rows, ["employee_id", "kind", "digest_date"])
    db.session.commit()
    if rows:
        log.info("scheduled %s weekly digests", len(rows))
    return len(rows)
