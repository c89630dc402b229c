"""The alerts job: judge the last finished week, record each new alert, queue its Slack messages."""

import logging
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from engage import outbox
from engage.alerts.detection import Detected, detect
from engage.alerts.recipients import recipients
from engage.alerts.wording import slack_text, summary
from engage.analytics.periods import period_start
from engage.extensions import db
from engage.models import TeamAlert
from engage.upsert import insert_if_new

log = logging.getLogger(__name__)

QUIET = timedelta(days=14)  # at most one alert of a kind per team in this long
SETTLING = timedelta(days=2)  # a week is judged once this long has passed after it, late data in


def judged_week(today: date) -> date:
    """The start of the latest week that ended at least SETTLING ago."""
    return period_start(today - SETTLING - timedelta(days=7), "week")


def _quiet(found: Detected, now: datetime) -> bool:
    """Whether the team had an alert of this kind within QUIET (by when it was raised or its week)."""
    return (
        db.session.scalar(
            sa.select(TeamAlert.id).where(
                TeamAlert.team_id == found.team_id,
                TeamAlert.kind == found.kind,
                sa.or_(TeamAlert.created_at > now - QUIET, TeamAlert.week_start > found.week_start - QUIET),
            )
        )
        is not None
    )


def raise_alerts(now: datetime) -> list[int]:
    """Record and queue the new alerts for the judged week; return their ids. `now` is naive UTC."""
    raised = []
    channel = current_app.config["ALERTS_CHANNEL"]
    for found in detect(judged_week(now.date())):
        if _quiet(found, now):
            continue
        text = summary(found)
        values = {
            "team_id": found.team_id,
            "kind": found.kind,
            "week_start": found.week_start,
            "summary": text,
            "created_at": now,
        }
        if not insert_if_new(TeamAlert, values, ["team_id", "kind", "week_start"]):
            continue
        for channel_or_person in recipients(found.team_id, channel):
            outbox.queue("team_alert", channel_or_person, slack_text(found, text))
        db.session.commit()
        alert_id = db.session.execute(
            sa.select(TeamAlert.id).where(
                TeamAlert.team_id == found.team_id,
                TeamAlert.kind == found.kind,
                TeamAlert.week_start == found.week_start,
            )
        ).scalar_one()
        raised.append(alert_id)
        log.info(
            "alert %s: %s for team %s, week of %s", alert_id, found.kind, found.team_id, found.week_start
        )
    db.session.commit()
    return raised
