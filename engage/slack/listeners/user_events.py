"""`user_change`: keep the Slack link and time zone of employees current."""

import logging

from slack_bolt import App

from engage.extensions import db
from engage.people.slack_sync import apply_slack_user
from engage.slack.dedupe import first_time
from engage.slack.listeners.lazy import acknowledge

log = logging.getLogger(__name__)


def sync_user(body: dict, event: dict) -> None:
    """Lazy: the event is acknowledged at once; the dedupe key and the change commit together here."""
    if not first_time(f"event:{body.get('event_id')}"):
        db.session.rollback()
        return
    outcome = apply_slack_user(event.get("user") or {})
    db.session.commit()
    log.info("user_change for %s: %s", (event.get("user") or {}).get("id"), outcome)


def register(bolt_app: App) -> None:
    bolt_app.event("user_change")(ack=acknowledge, lazy=[sync_user])
