"""Which teams are on the front line (their people rate) and which serve it (they are rated)."""

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from engage.extensions import db
from engage.insights.closure import ancestor_chains
from engage.models import Team
from engage.models.people import FRONT_LINE, FRONT_LINE_ROLES, SERVES_FRONT_LINE

ROLE_LABELS = {"": "Neither", FRONT_LINE: "On the front line", SERVES_FRONT_LINE: "Serves the front line"}


class RoleRefused(Exception):
    """The role was not set; the message says what to change."""


@dataclass(frozen=True)
class Roles:
    """front_line: teams whose people rate (flagged teams and every team under one); served: id -> name."""

    front_line: frozenset[int]
    served: dict[int, str]


def _tree() -> tuple[Sequence[sa.Row], dict[int, list[int]]]:
    teams = db.session.execute(sa.select(Team.id, Team.name, Team.parent_id, Team.front_line_role)).all()
    return teams, ancestor_chains({team.id: team.parent_id for team in teams})


def load_roles() -> Roles:
    teams, chains = _tree()
    flagged = {team.id for team in teams if team.front_line_role == FRONT_LINE}
    front_line = frozenset(team for team, chain in chains.items() if flagged & set(chain))
    served = {team.id: team.name for team in teams if team.front_line_role == SERVES_FRONT_LINE}
    return Roles(front_line, served)


def set_role(team_id: int, role: str) -> Team:
    """Set a team's role ("" for neither); RoleRefused when it would have a team rate itself."""
    if role not in ("", *FRONT_LINE_ROLES):
        raise RoleRefused("Choose on the front line, serves the front line, or neither.")
    team = db.session.get(Team, team_id)
    if team is None:
        raise RoleRefused(f"There is no team with id {team_id}; reload the page and try again.")
    teams, chains = _tree()
    names = {t.id: t.name for t in teams}
    roles = {t.id: t.front_line_role for t in teams}
    if role == SERVES_FRONT_LINE:
        above = [a for a in chains.get(team_id, [])[1:] if roles[a] == FRONT_LINE]
        if above:
            raise RoleRefused(
                f"{team.name} is under {names[above[0]]}, which is on the front line, so its people would "
                "rate their own team. Take the front line off that team first, or mark its sub-teams."
            )
    if role == FRONT_LINE:
        below = sorted(
            names[t]
            for t, chain in chains.items()
            if team_id in chain and roles[t] == SERVES_FRONT_LINE and t != team_id
        )
        if below:
            raise RoleRefused(
                f"{', '.join(below)} under {team.name} serves the front line and would be rated by its own "
                "people. Set it to neither first."
            )
    team.front_line_role = role or None
    db.session.commit()
    return team
