"""Announce a new plan in the Slack channel its author chose; the outcome is kept on the plan."""

import logging

from slack_sdk import WebClient

from engage.extensions import db
from engage.models import ActionPlan
from engage.pulses.posting import post_message
from engage.pulses.ratelimit import RateLimiter
from engage.slack.blocks.plans import announcement_text

log = logging.getLogger(__name__)

NOT_IN_CHANNEL = "not_in_channel"


def announce_plan(plan: ActionPlan, client: WebClient) -> str | None:
    """Post the announcement; None when posted, else what went wrong (the plan stays saved)."""
    result = post_message(client, RateLimiter(0), channel=plan.announce_channel, text=announcement_text(plan))
    if result.ok:
        plan.announced_ts, plan.announce_error = result.ts, None
    else:
        plan.announce_error = result.error
        log.warning("action plan %s not announced in %s: %s", plan.id, plan.announce_channel, result.error)
    db.session.commit()
    if result.ok:
        return None
    if result.error == NOT_IN_CHANNEL:
        return "engage is not in that channel: invite it (/invite @engage) and announce the plan again."
    return f"Slack answered {result.error}."
