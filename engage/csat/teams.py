"""Which team a rating belongs to: a team name, a mapped help-desk group, or the agent's team."""

import sqlalchemy as sa

from engage.csat.rows import RatingRow
from engage.csat.scales import FieldError
from engage.csat.ticket_rows import TicketRow
from engage.extensions import db
from engage.models import Employee, Team, TeamMapping


class TeamResolver:
    """Looks teams up once and remembers them, so a large file costs a handful of queries."""

    def __init__(self) -> None:
        rows = db.session.execute(sa.select(Team.name, Team.id)).all()
        self._teams = {name.casefold(): team_id for name, team_id in rows}
        self._mappings: dict[str, dict[str, int]] = {}
        self._agents: dict[str, int | None] = {}

    def _mapping(self, source: str) -> dict[str, int]:
        if source not in self._mappings:
            rows = db.session.execute(
                sa.select(TeamMapping.external_group, TeamMapping.team_id).where(TeamMapping.source == source)
            ).all()
            self._mappings[source] = {group.casefold(): team_id for group, team_id in rows}
        return self._mappings[source]

    def _agent_team(self, email: str) -> int | None:
        if email not in self._agents:
            self._agents[email] = db.session.scalar(
                sa.select(Employee.team_id).where(sa.func.lower(Employee.email) == email)
            )
        return self._agents[email]

    def team_id(self, row: RatingRow | TicketRow) -> int:
        if row.team:
            team_id = self._teams.get(row.team.casefold())
            if team_id is None:
                raise FieldError("team", f"no team named {row.team!r}: create it or fix the name")
            return team_id
        problems = []
        if row.group:
            team_id = self._mapping(row.source).get(row.group.casefold())
            if team_id is not None:
                return team_id
            problems.append(
                f"group {row.group!r} of source {row.source!r} is not mapped to a team "
                "(add it under Ratings > Team mappings)"
            )
        if row.agent_email:
            team_id = self._agent_team(row.agent_email)
            if team_id is not None:
                return team_id
            problems.append(f"agent_email {row.agent_email} is not an employee with a team")
        raise FieldError("group" if row.group else "agent_email", "; ".join(problems))
