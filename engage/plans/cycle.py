"""The scheduler's plan-review job."""

from datetime import datetime

from flask import Flask

from engage.models.base import utcnow
from engage.plans.reviews import send_review_reminders
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.slack_client import sender_client


def run_plan_reviews(app: Flask, now: datetime | None = None) -> int:
    limiter = RateLimiter(app.config["SLACK_SENDS_PER_SECOND"])
    return send_review_reminders(now or utcnow(), sender_client(app), limiter)
