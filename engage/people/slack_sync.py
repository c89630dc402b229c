"""Link Slack users to employees by email and keep their time zone current."""

import logging
from collections import Counter

import sqlalchemy as sa
from slack_sdk import WebClient

from engage.extensions import db
from engage.models import Employee

log = logging.getLogger(__name__)

SLACKBOT = "USLACKBOT"


def apply_slack_user(member: dict) -> str:
    """Update the matching employee from one Slack user object; return what happened."""
    if member.get("is_bot") or member.get("id") == SLACKBOT or member.get("is_app_user"):
        return "bot"
    if member.get("deleted"):
        return "deactivated"
    slack_id = member.get("id")
    email = ((member.get("profile") or {}).get("email") or "").strip().lower()
    employee = db.session.scalar(sa.select(Employee).where(Employee.slack_user_id == slack_id))
    if employee is None and email:
        employee = db.session.scalar(sa.select(Employee).where(sa.func.lower(Employee.email) == email))
    if employee is None:
        return "unmatched"
    tz = member.get("tz") or employee.timezone
    if employee.slack_user_id == slack_id and employee.timezone == tz:
        return "unchanged"
    if employee.slack_user_id != slack_id:
        holder = db.session.scalar(sa.select(Employee).where(Employee.slack_user_id == slack_id))
        if holder is not None:
            holder.slack_user_id = None
            db.session.flush()
    employee.slack_user_id = slack_id
    employee.timezone = tz
    return "linked"


def sync_slack_users(client: WebClient) -> Counter:
    """Page through users.list; commit once per page. Counts by outcome."""
    outcomes: Counter = Counter()
    for page in client.users_list(limit=200):
        for member in page.get("members", []):
            outcomes[apply_slack_user(member)] += 1
        db.session.commit()
    log.info("Slack user sync: %s", dict(outcomes))
    return outcomes
