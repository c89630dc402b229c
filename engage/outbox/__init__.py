"""Slack messages written to the database with the change that causes them, sent by the scheduler.

A service calls queue() inside its own transaction, so a message exists exactly when its cause
was committed; the scheduler's "outgoing" job posts what is due (engage/outbox/sending.py).
"""

import json

from engage.extensions import db
from engage.models import OutgoingMessage


def queue(purpose: str, channel: str, text: str, blocks: list[dict] | None = None) -> OutgoingMessage:
    """Add a message for `channel` (a Slack user id for a DM, or a channel id); the caller commits."""
    message = OutgoingMessage(
        purpose=purpose, channel=channel, text=text, blocks=json.dumps(blocks) if blocks else None
    )
    db.session.add(message)
    return message
