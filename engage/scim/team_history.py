"""Whether deleting a team would lose anything: its people, its sub-teams, or history that points at it."""

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee, Team

# Rows derived from others (rollups, the team tree) go with the team; these would lose their team.
DERIVED_TABLES = {"team_closure", "team_period_stat", "stale_rollup", "team"}


def _history_tables() -> list[tuple[sa.Table, sa.Column]]:
    team_id = Team.__table__.c.id
    return [
        (table, fk.parent)
        for table in db.metadata.sorted_tables
        if table.name not in DERIVED_TABLES | {Employee.__tablename__}
        for fk in table.foreign_keys
        if fk.column is team_id
    ]


def team_history_problem(team: Team) -> str | None:
    """Why the team must stay, in words, or None when deleting it loses nothing."""
    people = db.session.scalar(sa.select(sa.func.count()).where(Employee.team_id == team.id))
    if people:
        return (
            f"team {team.name!r} still has {people} people (active or not); engage never leaves people "
            "without their team by deleting it: remove them from the group or move them first"
        )
    if db.session.scalar(sa.select(sa.func.count()).where(Team.parent_id == team.id)):
        return f"team {team.name!r} has sub-teams; move them on the Teams page first"
    for table, column in _history_tables():
        if db.session.scalar(sa.select(sa.exists().where(column == team.id))):
            return (
                f"team {team.name!r} holds history ({table.name}) that stays with it; engage keeps the team. "
                "Unassign the group in the identity provider without deleting it"
            )
    return None
