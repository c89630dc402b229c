from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from engage.extensions import Model
from engage.models.base import utcnow

SOURCE_KINDS = ("zendesk", "freshdesk", "chatwoot", "intercom")


class RatingSource(Model):
    """A help desk that engage pulls ratings from; its name is the ratings' `source`.

    cursor: where the next pull resumes, in the connector's own terms (JSON text).
    """

    __table_args__ = (sa.CheckConstraint(f"kind IN {SOURCE_KINDS!r}", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(50), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    base_url: Mapped[str] = mapped_column(sa.String(300))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    account_id: Mapped[str | None] = mapped_column(sa.String(50))
    token_encrypted: Mapped[str] = mapped_column(sa.Text)
    token_hint: Mapped[str] = mapped_column(sa.String(4))
    webhook_secret_encrypted: Mapped[str | None] = mapped_column(sa.Text)
    since: Mapped[datetime]
    cursor: Mapped[str | None] = mapped_column(sa.Text)
    groups: Mapped[list] = mapped_column(sa.JSON, default=list)
    paused: Mapped[bool] = mapped_column(default=False)
    pull_requested_at: Mapped[datetime | None]
    pulling_until: Mapped[datetime | None]
    next_try_at: Mapped[datetime | None]
    failures: Mapped[int] = mapped_column(default=0)
    last_attempt_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    last_error_at: Mapped[datetime | None]
    pulled: Mapped[int] = mapped_column(default=0)
    created: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unmapped: Mapped[int] = mapped_column(default=0)
    unmapped_note: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
