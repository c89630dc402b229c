"""Kudos filtered for the wall and the export, limited to the teams a reader may see."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from engage.extensions import db
from engage.models import Kudos, KudosRecipient


@dataclass(frozen=True)
class KudosFilters:
    team_id: int | None = None
    value_id: int | None = None
    account_id: int | None = None
    start: date | None = None
    end: date | None = None
    saves_only: bool = False


def _involves_teams(team_ids: set[int]) -> sa.ColumnElement[bool]:
    """Kudos given from, or received in, one of the teams."""
    received = (
        sa.select(KudosRecipient.id)
        .where(KudosRecipient.kudos_id == Kudos.id, KudosRecipient.team_id.in_(team_ids))
        .exists()
    )
    return sa.or_(Kudos.giver_team_id.in_(team_ids), received)


def filtered(filters: KudosFilters, visible: set[int] | None) -> sa.Select:
    query = sa.select(Kudos)
    if visible is not None:
        query = query.where(_involves_teams(visible))
    if filters.team_id is not None:
        query = query.where(_involves_teams({filters.team_id}))
    if filters.value_id is not None:
        query = query.where(Kudos.value_id == filters.value_id)
    if filters.account_id is not None:
        query = query.where(Kudos.account_id == filters.account_id)
    if filters.saves_only:
        query = query.where(Kudos.account_id.is_not(None))
    if filters.start is not None:
        query = query.where(Kudos.created_at >= datetime.combine(filters.start, time.min))
    if filters.end is not None:
        query = query.where(Kudos.created_at < datetime.combine(filters.end + timedelta(days=1), time.min))
    return query


def wall(filters: KudosFilters, visible: set[int] | None, limit: int | None = None) -> list[Kudos]:
    query = (
        filtered(filters, visible)
        .order_by(Kudos.created_at.desc(), Kudos.id.desc())
        .options(
            selectinload(Kudos.giver),
            selectinload(Kudos.value),
            selectinload(Kudos.account),
            selectinload(Kudos.recipients).selectinload(KudosRecipient.employee),
        )
    )
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))
