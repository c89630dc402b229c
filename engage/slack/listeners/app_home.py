"""App Home tab: the person's recent answers, kudos received and (when big enough) their team's trend."""

import logging

from flask import current_app
from slack_bolt import App
from slack_sdk import WebClient

from engage.extensions import db
from engage.models.base import utcnow
from engage.pulses.preferences import employee_by_slack_id
from engage.pulses.stats import personal_stats, team_weekly_trend
from engage.slack.blocks.home import home_view, unknown_person_view
from engage.slack.dedupe import first_time
from engage.slack.listeners.lazy import acknowledge

log = logging.getLogger(__name__)


def publish_home(body: dict, event: dict, client: WebClient) -> None:
    """Lazy: the event is acknowledged at once; the queries and views.publish happen here."""
    if event.get("tab") != "home":
        return
    if not first_time(f"event:{body.get('event_id')}"):
        db.session.rollback()
        log.info("duplicate app_home_opened %s ignored", body.get("event_id"))
        return
    user_id = event["user"]
    employee = employee_by_slack_id(user_id)
    if employee is None:
        view = unknown_person_view()
    else:
        now = utcnow()
        trend = team_weekly_trend(employee.team_id, now) if employee.team_id else None
        view = home_view(
            employee.name, personal_stats(employee, now), trend, current_app.config["ANONYMITY_THRESHOLD"]
        )
    client.views_publish(user_id=user_id, view=view)
    db.session.commit()


def register(bolt_app: App) -> None:
    bolt_app.event("app_home_opened")(ack=acknowledge, lazy=[publish_home])
