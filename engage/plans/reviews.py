"""The review reminder: on a plan's review date, at the pulse hour in its owner's zone, a DM with the
before/after comparison so far (the dashboard's, so weeks of too few people are left out)."""

import logging
from datetime import datetime, timedelta
from typing import cast

import sqlalchemy as sa
from flask import current_app
from slack_sdk import WebClient
from sqlalchemy import CursorResult

from engage import insights
from engage.auth.access import Principal
from engage.digests.links import page_link
from engage.extensions import db
from engage.models import ActionPlan, Employee, User
from engage.pulses.clock import local_time
from engage.pulses.posting import post_message
from engage.pulses.ratelimit import RateLimiter
from engage.slack.blocks.plans import review_blocks, review_text

log = logging.getLogger(__name__)


def _claim(plan_id: int, now: datetime) -> bool:
    """Mark the reminder sent; False when another run already did."""
    result = db.session.execute(
        sa.update(ActionPlan)
        .where(ActionPlan.id == plan_id, ActionPlan.review_reminded_at.is_(None))
        .values(review_reminded_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return cast(CursorResult, result).rowcount == 1


def owner_principal(owner: Employee) -> Principal:
    role = db.session.scalar(sa.select(User.role).where(User.employee_id == owner.id, User.active.is_(True)))
    return Principal(role or "manager", owner.id)


def _message(plan: ActionPlan) -> dict:
    comparison = insights.before_after(owner_principal(plan.owner), plan.team_id, plan.start_date)
    link = page_link("dashboard.team", team_id=plan.team_id, pivot=plan.start_date.isoformat())
    threshold = current_app.config["ANONYMITY_THRESHOLD"]
    pairs = [("Engagement", comparison.engagement), ("CSAT %", comparison.csat_pct)]
    return {"text": review_text(plan), "blocks": review_blocks(plan, pairs, threshold, link)}


def _due(now: datetime) -> list[ActionPlan]:
    hour = current_app.config["PULSE_LOCAL_HOUR"]
    plans = db.session.scalars(
        sa.select(ActionPlan)
        .join(Employee, Employee.id == ActionPlan.owner_id)
        .where(
            ActionPlan.status == "active",
            ActionPlan.review_reminded_at.is_(None),
            ActionPlan.review_date <= now.date() + timedelta(days=1),  # zones ahead of UTC
            Employee.active.is_(True),
            Employee.slack_user_id.is_not(None),
        )
    )
    due = []
    for plan in plans:
        local = local_time(plan.owner.timezone, now)
        if plan.review_date <= local.date() and local.hour >= hour:
            due.append(plan)
    return due


def send_review_reminders(now: datetime, client: WebClient, limiter: RateLimiter) -> int:
    sent = 0
    for plan in _due(now):
        if not _claim(plan.id, now):
            continue
        try:
            message = _message(plan)
        except PermissionError as exc:
            plan.review_error = f"the owner can no longer see the team: {exc}"[:300]
            db.session.commit()
            continue
        result = post_message(client, limiter, channel=plan.owner.slack_user_id, **message)
        if result.ok:
            sent += 1
            plan.review_error = None
        else:
            plan.review_error = result.error
            if not result.permanent:
                plan.review_reminded_at = None  # tried again on the next run
            log.warning("review reminder of plan %s not sent: %s", plan.id, result.error)
        db.session.commit()
    return sent
