"""The review reminder's "Mark the plan done" button: close the plan before the ack, then update the DM."""

from slack_bolt import App

from engage.extensions import db
from engage.models import driver_label
from engage.plans.service import PlanRefused, close_from_slack
from engage.slack.blocks.plans import DONE_ACTION
from engage.slack.listeners.lazy import NOTE, UPDATE, send_replies


def mark_done(ack, body: dict, action: dict, context: dict) -> None:
    ack()
    try:
        plan = close_from_slack(action.get("value") or "", body["user"]["id"])
    except PlanRefused as exc:
        db.session.rollback()
        context[NOTE] = exc.message
        return
    container = body.get("container") or {}
    text = f"Done: your action plan for {plan.team.name} ({driver_label(plan.driver)}) is closed. Well done."
    context[UPDATE] = {
        "channel": container.get("channel_id"),
        "ts": container.get("message_ts"),
        "text": text,
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
    }


def register(bolt_app: App) -> None:
    bolt_app.action(DONE_ACTION)(ack=mark_done, lazy=[send_replies])
