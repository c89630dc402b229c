"""The scheduler's praise job: write today's due rows, then send what is pending."""

from datetime import datetime

from flask import Flask

from engage.models.base import utcnow
from engage.praise.scheduling import schedule_praise
from engage.praise.sending import send_praise
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.sending import SendReport
from engage.pulses.slack_client import sender_client


def run_praise_cycle(app: Flask, now: datetime | None = None) -> SendReport:
    now = now or utcnow()
    schedule_praise(now)
    return send_praise(now, sender_client(app), RateLimiter(app.config["SLACK_SENDS_PER_SECOND"]))
