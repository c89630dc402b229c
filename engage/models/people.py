from datetime import datetime
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import Model
from engage.models.base import utcnow

# A team's part in internal service (engage/internal_service): its people rate the teams that serve them,
# or it is one of those teams. A front-line team's sub-teams are on the front line too.
FRONT_LINE = "front_line"
SERVES_FRONT_LINE = "serves_front_line"
FRONT_LINE_ROLES = (FRONT_LINE, SERVES_FRONT_LINE)


class Team(Model):
    """A team; teams nest through parent_id."""

    __table_args__ = (sa.CheckConstraint(f"front_line_role IN {FRONT_LINE_ROLES!r}", name="front_line_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    # The identity provider's id for the group (SCIM externalId), when provisioned.
    external_id: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("team.id", ondelete="SET NULL"))
    front_line_role: Mapped[str | None] = mapped_column(sa.String(24))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    parent: Mapped[Optional["Team"]] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Team"]] = relationship(back_populates="parent")
    members: Mapped[list["Employee"]] = relationship(back_populates="team")

    def __repr__(self) -> str:
        return f"<Team {self.name}>"


class Employee(Model):
    """A person on the roster. left_at: when they became inactive; erased_at: their personal data is gone
    and the row only holds their anonymous answers and kudos together (engage/retention)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    # The name's parts and the identity provider's id, as SCIM provisioning sends them.
    given_name: Mapped[str | None] = mapped_column(sa.String(200))
    family_name: Mapped[str | None] = mapped_column(sa.String(200))
    external_id: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    slack_user_id: Mapped[str | None] = mapped_column(sa.String(32), unique=True)
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("team.id", ondelete="SET NULL"), index=True)
    manager_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("employee.id", ondelete="SET NULL"), index=True
    )
    timezone: Mapped[str | None] = mapped_column(sa.String(64))
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    pulse_paused: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    left_at: Mapped[datetime | None]
    erased_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    team: Mapped[Team | None] = relationship(back_populates="members")
    manager: Mapped[Optional["Employee"]] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return f"<Employee {self.email}>"
