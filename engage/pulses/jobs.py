"""Scheduled jobs, declared as data, and the pulse cycle they run."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from engage.alerts.raising import raise_alerts
from engage.digests.cycle import run_digest_cycle
from engage.extensions import db
from engage.insights.shared import refresh_and_share
from engage.models.base import utcnow
from engage.outbox.sending import send_due
from engage.people.slack_sync import sync_slack_users
from engage.plans.cycle import run_plan_reviews
from engage.praise.cycle import run_praise_cycle
from engage.pulses.heartbeat import beat
from engage.pulses.leader import LeaderLock
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.reminders import send_reminders
from engage.pulses.scheduling import schedule_due
from engage.pulses.sending import SendReport, send_pending
from engage.pulses.slack_client import sender_client
from engage.retention.policy import apply_retention
from engage.slack.bolt_app import web_client
from engage.slack.dedupe import forget_old
from engage.sources.pulling import pull_due

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CycleReport:
    scheduled: int
    sending: SendReport
    reminded: int


def run_pulse_cycle(app: Flask, now: datetime | None = None) -> CycleReport:
    """Schedule today's due pulses, send pending ones, send reminders. Call within an app context."""
    now = now or utcnow()
    client = sender_client(app)
    limiter = RateLimiter(app.config["SLACK_SENDS_PER_SECOND"])
    scheduled = schedule_due(now)
    sending = send_pending(now, client, limiter, workers=app.config["PULSE_SEND_WORKERS"])
    reminded = send_reminders(now, client, limiter)
    return CycleReport(scheduled, sending, reminded)


@dataclass(frozen=True)
class Job:
    id: str
    func: Callable[[Flask, LeaderLock], None]
    seconds: int


def _as_leader(app: Flask, lock: LeaderLock, work: Callable[[], object]) -> None:
    with app.app_context():
        if not lock.is_leader():
            log.debug("another scheduler is the leader; standing by")
            return
        try:
            work()
        finally:
            db.session.remove()


def pulse_job(app: Flask, lock: LeaderLock) -> None:
    _as_leader(app, lock, lambda: run_pulse_cycle(app))


def prune_job(app: Flask, lock: LeaderLock) -> None:
    _as_leader(app, lock, lambda: forget_old(utcnow()))


def refresh_stats_job(app: Flask, lock: LeaderLock) -> None:
    _as_leader(app, lock, lambda: refresh_and_share(app))


def sync_users_job(app: Flask, lock: LeaderLock) -> None:
    """Link people imported after the last sync, and new Slack users, without anyone running sync-users."""
    _as_leader(app, lock, lambda: sync_slack_users(web_client(app)))


def heartbeat_job(app: Flask, lock: LeaderLock) -> None:
    _as_leader(app, lock, beat)


def digest_job(app: Flask, lock: LeaderLock) -> None:
    """The weekly digests, due on the digest day at the pulse hour in each recipient's zone."""
    _as_leader(app, lock, lambda: run_digest_cycle(app))


def plan_review_job(app: Flask, lock: LeaderLock) -> None:
    """Action plans' review reminders, due on the review date at the pulse hour in the owner's zone."""
    _as_leader(app, lock, lambda: run_plan_reviews(app))


def retention_job(app: Flask, lock: LeaderLock) -> None:
    """Delete old comment text and erase people who left long ago, as the retention settings say."""
    _as_leader(app, lock, lambda: apply_retention(utcnow()))


def praise_job(app: Flask, lock: LeaderLock) -> None:
    """Customers' praise, DMed to agents and their managers at the pulse hour in each one's zone."""
    _as_leader(app, lock, lambda: run_praise_cycle(app))


def pull_sources_job(app: Flask, lock: LeaderLock) -> None:
    """Pull each help-desk source every ENGAGE_SOURCES_PULL_MINUTES, or within a minute of a push."""
    _as_leader(app, lock, pull_due)


def outgoing_job(app: Flask, lock: LeaderLock) -> None:
    """Post queued messages: conversation replies and alerts."""
    limiter = RateLimiter(app.config["SLACK_SENDS_PER_SECOND"])
    _as_leader(app, lock, lambda: send_due(utcnow(), sender_client(app), limiter))


def alerts_job(app: Flask, lock: LeaderLock) -> None:
    _as_leader(app, lock, lambda: raise_alerts(utcnow()))


JOBS = [
    Job("heartbeat", heartbeat_job, seconds=60),  # first, so a starting scheduler shows up at once
    Job("pulses", pulse_job, seconds=60),
    Job("digests", digest_job, seconds=60),
    Job("plan-reviews", plan_review_job, seconds=60),
    Job("praise", praise_job, seconds=60),
    Job("pull-sources", pull_sources_job, seconds=60),
    Job("refresh-stats", refresh_stats_job, seconds=300),
    Job("outgoing", outgoing_job, seconds=60),
    Job("team-alerts", alerts_job, seconds=3600),
    Job("sync-slack-users", sync_users_job, seconds=3600),
    Job("forget-old-slack-events", prune_job, seconds=3600),
    Job("retention", retention_job, seconds=86_400),
]


def build_scheduler(app: Flask) -> tuple[BlockingScheduler, LeaderLock]:
    with app.app_context():
        lock = LeaderLock(db.engine)
    scheduler = BlockingScheduler(timezone="UTC")
    for job in JOBS:
        scheduler.add_job(
            job.func,
            "interval",
            seconds=job.seconds,
            args=[app, lock],
            id=job.id,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=job.seconds,
            next_run_time=datetime.now(UTC),
        )
    return scheduler, lock
