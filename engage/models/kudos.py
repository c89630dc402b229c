from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import Model
from engage.models.base import utcnow


class CompanyValue(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(80), unique=True)
    description: Mapped[str | None] = mapped_column(sa.String(300))
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())


class CustomerAccount(Model):
    """A customer account that kudos can credit with a save."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    crm_id: Mapped[str | None] = mapped_column(sa.String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Kudos(Model):
    """Recognition from one employee to one or more others; an account save when account_id is set.

    slack_dedupe_key identifies the Slack request that created it, so a retried delivery
    records nothing twice.
    """

    __table_args__ = (
        sa.CheckConstraint("revenue_kept IS NULL OR revenue_kept >= 0", name="revenue_kept"),
        sa.Index("ix_kudos_giver_created", "giver_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    giver_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id", ondelete="CASCADE"))
    giver_team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("team.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(sa.Text)
    value_id: Mapped[int | None] = mapped_column(sa.ForeignKey("company_value.id", ondelete="SET NULL"))
    account_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("customer_account.id", ondelete="SET NULL"), index=True
    )
    revenue_kept: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(sa.String(3))
    source_message_url: Mapped[str | None] = mapped_column(sa.String(500))
    slack_dedupe_key: Mapped[str | None] = mapped_column(sa.String(200), unique=True)
    public_channel: Mapped[str | None] = mapped_column(sa.String(32))
    public_ts: Mapped[str | None] = mapped_column(sa.String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    giver = relationship("Employee", foreign_keys=[giver_id])
    value: Mapped[CompanyValue | None] = relationship()
    account: Mapped[CustomerAccount | None] = relationship()
    recipients: Mapped[list["KudosRecipient"]] = relationship(
        back_populates="kudos", cascade="all, delete-orphan"
    )


class KudosRecipient(Model):
    """One recipient of a kudos, with the team they were in when they got it."""

    __table_args__ = (sa.UniqueConstraint("kudos_id", "employee_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kudos_id: Mapped[int] = mapped_column(sa.ForeignKey("kudos.id", ondelete="CASCADE"))
    employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("team.id", ondelete="SET NULL"), index=True)

    kudos: Mapped[Kudos] = relationship(back_populates="recipients")
    employee = relationship("Employee")
