from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engage.extensions import Model
from engage.models.base import utcnow

ACTOR_KINDS = ("web", "api", "cli", "scheduler")


class AuditEvent(Model):
    """An admin action: who, when, what, on which record; never the personal data it touched.

    actor_id: the user (web) or API token (api) that acted; no foreign key, so the event outlives them.
    """

    __tablename__ = "audit_event"
    __table_args__ = (
        sa.CheckConstraint(f"actor_kind IN {ACTOR_KINDS!r}", name="actor_kind"),
        sa.Index("ix_audit_event_action_at", "action", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_kind: Mapped[str] = mapped_column(sa.String(16))
    actor_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(sa.String(64))
    target: Mapped[str] = mapped_column(sa.String(120), default="")
    detail: Mapped[str] = mapped_column(sa.String(300), default="")
