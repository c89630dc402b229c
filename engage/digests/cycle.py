"""The scheduler's digest job: write today's due rows, then send what is pending."""

from datetime import datetime

from flask import Flask

from engage.digests.scheduling import schedule_digests
from engage.digests.sending import send_digests
from engage.models.base import utcnow
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.sending import SendReport
from engage.pulses.slack_client import sender_client


def run_digest_cycle(app: Flask, now: datetime | None = None) -> SendReport:
    now = now or utcnow()
    schedule_digests(now)
    return send_digests(now, sender_client(app), RateLimiter(app.config["SLACK_SENDS_PER_SECOND"]))
