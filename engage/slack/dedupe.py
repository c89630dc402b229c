"""Remember handled Slack events and actions so retries change nothing."""

from datetime import datetime, timedelta
from typing import cast

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult

from engage.extensions import db
from engage.models import ProcessedSlackEvent
from engage.upsert import insert_if_new

KEEP = timedelta(days=7)  # Slack retries within minutes; a week is ample


def first_time(key: str) -> bool:
    """Record `key` in the current transaction; False when it was already handled."""
    return insert_if_new(ProcessedSlackEvent, {"key": key[:200]}, ["key"])


def forget_old(now: datetime) -> int:
    """Delete remembered keys older than KEEP; commit; return how many."""
    result = db.session.execute(
        sa.delete(ProcessedSlackEvent).where(ProcessedSlackEvent.received_at < now - KEEP)
    )
    db.session.commit()
    return cast(CursorResult, result).rowcount
