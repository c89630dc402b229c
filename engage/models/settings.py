from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engage.extensions import Model
from engage.models.base import utcnow


class Setting(Model):
    """An admin-editable setting (e.g. the kudos channel), stored as text by key."""

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    value: Mapped[str] = mapped_column(sa.Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ProcessedSlackEvent(Model):
    """A Slack event_id (or action key) already handled, so Slack's retries change nothing."""

    key: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
