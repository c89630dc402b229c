"""One optional reminder, ENGAGE_PULSE_REMINDER_HOURS after the pulse, to people who have not answered.

An open question alone brings no reminder: it asks for words, an invitation rather than a tap to chase.
"""

import logging
from datetime import datetime, timedelta
from typing import cast

import sqlalchemy as sa
from flask import current_app
from slack_sdk import WebClient
from sqlalchemy.engine import CursorResult

from engage.extensions import db
from engage.models import OPEN, Employee, PulseDelivery, PulseResponse, Question
from engage.pulses.clock import local_date
from engage.pulses.posting import post_message
from engage.pulses.ratelimit import RateLimiter
from engage.slack.blocks.pulses import reminder_text

log = logging.getLogger(__name__)


def _claim_reminder(employee_id: int, day, now: datetime) -> bool:
    """Mark the person's deliveries of the day reminded; False when another run already did."""
    result = db.session.execute(
        sa.update(PulseDelivery)
        .where(
            PulseDelivery.employee_id == employee_id,
            PulseDelivery.pulse_date == day,
            PulseDelivery.reminder_sent_at.is_(None),
        )
        .values(reminder_sent_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return cast(CursorResult, result).rowcount > 0


def send_reminders(now: datetime, client: WebClient, limiter: RateLimiter) -> int:
    hours = current_app.config["PULSE_REMINDER_HOURS"]
    if hours <= 0:
        return 0
    rows = db.session.execute(
        sa.select(
            PulseDelivery.employee_id,
            PulseDelivery.pulse_date,
            PulseDelivery.slack_channel,
            Employee.timezone,
        )
        .join(Employee, Employee.id == PulseDelivery.employee_id)
        .join(Question, Question.id == PulseDelivery.question_id)
        .outerjoin(PulseResponse, PulseResponse.delivery_id == PulseDelivery.id)
        .where(
            Question.scale != OPEN,
            PulseDelivery.status == "sent",
            PulseDelivery.reminder_sent_at.is_(None),
            PulseDelivery.sent_at <= now - timedelta(hours=hours),
            PulseDelivery.pulse_date >= (now - timedelta(days=2)).date(),
            PulseResponse.id.is_(None),
            Employee.active.is_(True),
            Employee.pulse_paused.is_(False),
        )
        .order_by(PulseDelivery.id)
    ).all()
    reminded = 0
    seen = set()
    for employee_id, day, channel, tz_name in rows:
        if (employee_id, day) in seen or local_date(tz_name, now) != day:
            continue
        seen.add((employee_id, day))
        if not channel or not _claim_reminder(employee_id, day, now):
            continue
        result = post_message(client, limiter, channel=channel, text=reminder_text())
        if result.ok:
            reminded += 1
        else:
            log.warning("reminder to employee %s not sent: %s", employee_id, result.error)
    return reminded
