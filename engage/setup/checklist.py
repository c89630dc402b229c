from datetime import datetime

from flask import Flask, current_app, g

from engage.models.base import utcnow
from engage.setup.items import MISSING, Item
from engage.setup.local_items import (
    questions_item,
    ratings_item,
    rollups_item,
    roster_item,
    scheduler_item,
    secret_key_item,
)
from engage.setup.slack_check import last_check
from engage.setup.slack_items import kudos_channel_item, slack_item
from engage.setup.source_items import source_items
from engage.setup.sso_item import sso_item


def checklist(app: Flask, now: datetime | None = None) -> list[Item]:
    now = now or utcnow()
    check = last_check()
    return [
        slack_item(app, check, now),
        roster_item(),
        questions_item(),
        kudos_channel_item(app, check),
        scheduler_item(now),
        rollups_item(now),
        ratings_item(now),
        *source_items(now),
        secret_key_item(app),
        sso_item(app),
    ]


def setup_incomplete() -> bool:
    """Whether any item is missing; worked out once per request (the nav and the banner both ask)."""
    if "setup_incomplete" not in g:
        g.setup_incomplete = any(item.status == MISSING for item in checklist(current_app))
    return g.setup_incomplete
