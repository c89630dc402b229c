"""Read-only views of people and teams for the web pages."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from engage.extensions import db
from engage.models import Employee, Team


@dataclass(frozen=True)
class TeamRow:
    team: Team
    path: str
    active_members: int


def list_people(include_inactive: bool = True) -> list[Employee]:
    """Everyone but the erased."""
    query = (
        sa.select(Employee)
        .options(joinedload(Employee.team), joinedload(Employee.manager))
        .where(Employee.erased_at.is_(None))
    )
    if not include_inactive:
        query = query.where(Employee.active.is_(True))
    return list(db.session.scalars(query.order_by(Employee.active.desc(), Employee.name)))


def count_erased() -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(Employee.erased_at.is_not(None))) or 0


def team_path(team: Team | None) -> str:
    names, seen = [], set()
    while team is not None and team.id not in seen:
        seen.add(team.id)
        names.append(team.name)
        team = team.parent
    return " / ".join(reversed(names))


def list_teams(visible: set[int] | None) -> list[TeamRow]:
    """Teams (all when visible is None), by path, with their count of active members."""
    counts = dict(
        db.session.execute(
            sa.select(Employee.team_id, sa.func.count())
            .where(Employee.active.is_(True))
            .group_by(Employee.team_id)
        ).all()
    )
    query = sa.select(Team)
    if visible is not None:
        query = query.where(Team.id.in_(visible))
    rows = [TeamRow(t, team_path(t), counts.get(t.id, 0)) for t in db.session.scalars(query)]
    return sorted(rows, key=lambda r: r.path.lower())
