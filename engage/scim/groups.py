"""SCIM Groups are engage's teams; a person is in one team, so adding them to a group moves them there."""

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for

from engage.extensions import db
from engage.models import Employee, Team
from engage.people.roster_file import parse_team_path
from engage.scim.errors import ScimError, invalid_value, not_found, not_unique
from engage.scim.patch import apply_patch, items_of
from engage.scim.paths import Equals, Shape
from engage.scim.schemas import GROUP, GROUP_ATTRIBUTES
from engage.scim.team_history import team_history_problem

log = logging.getLogger(__name__)

GROUP_SHAPE = Shape(GROUP, GROUP_ATTRIBUTES)
MAX_EXTERNAL_ID = 255
FILTERS = {
    "displayname": lambda value: sa.func.lower(Team.name) == value.lower(),
    "externalid": lambda value: Team.external_id == value,
    "id": lambda value: Team.id == (int(value) if value.isdigit() else -1),
}


@dataclass(frozen=True)
class GroupFields:
    name: str
    external_id: str | None
    members: list[Employee]


def groups_query(equals: Equals | None) -> sa.Select:
    query = sa.select(Team).order_by(Team.id)
    if equals is None:
        return query
    condition = FILTERS.get(equals.attribute.lower())
    if condition is None:
        raise ScimError(400, "Groups filter on displayName, externalId or id", "invalidFilter")
    return query.where(condition(equals.value))


def get_team(resource_id: str) -> Team:
    team = db.session.get(Team, int(resource_id)) if resource_id.isdigit() else None
    if team is None:
        raise not_found("Group", resource_id)
    return team


def render_group(team: Team) -> dict:
    resource = {
        "schemas": [GROUP],
        "id": str(team.id),
        "displayName": team.name,
        "members": [
            {"value": str(person.id), "display": person.name, "type": "User"}
            for person in sorted(team.members, key=lambda person: person.id)
        ],
        "meta": {
            "resourceType": "Group",
            "created": team.created_at.isoformat() + "Z",
            "location": url_for("scim.group", resource_id=team.id, _external=True),
        },
    }
    if team.external_id:
        resource["externalId"] = team.external_id
    return resource


def create_group(body: object) -> Team:
    fields = _read_group(body, None)
    team = Team(name=fields.name, external_id=fields.external_id)
    db.session.add(team)
    _set_members(team, fields.members)
    db.session.commit()
    log.info("scim: created team %s with %s members", team.id, len(fields.members))
    return team


def replace_group(team: Team, body: object) -> Team:
    fields = _read_group(body, team)
    team.name, team.external_id = fields.name, fields.external_id
    _set_members(team, fields.members)
    db.session.commit()
    log.info("scim: updated team %s (%s members)", team.id, len(fields.members))
    return team


def patch_group(team: Team, body: object) -> Team:
    return replace_group(team, apply_patch(render_group(team), body, GROUP_SHAPE))


def delete_group(team: Team) -> None:
    """Delete a team only when nobody is in it and nothing in engage's history refers to it."""
    if problem := team_history_problem(team):
        raise ScimError(409, problem)
    db.session.delete(team)
    db.session.commit()
    log.info("scim: deleted team %s", team.id)


def _set_members(team: Team, members: list[Employee]) -> None:
    """The team's members become exactly `members`; those moved in keep past answers with their old team."""
    wanted = {person.id for person in members}
    for person in list(team.members):
        if person.id not in wanted:
            person.team = None
    for person in members:
        person.team = team


def _read_group(body: object, team: Team | None) -> GroupFields:
    if not isinstance(body, dict):
        raise invalid_value("the body must be a JSON object: a SCIM Group")
    lowered = {str(key).lower(): value for key, value in body.items()}
    name = lowered.get("displayname")
    if not isinstance(name, str) or not name.strip():
        raise invalid_value("displayName is required: the team's name")
    path = parse_team_path(name.strip())
    if isinstance(path, str):
        raise invalid_value(path)
    if len(path) > 1:
        raise invalid_value(f"displayName {name!r} holds '/', which a team name cannot hold")
    clash = db.session.scalar(sa.select(Team).where(sa.func.lower(Team.name) == path[0].lower()))
    if clash is not None and clash is not team:
        raise not_unique(f"displayName {path[0]!r} is already the team with id {clash.id}")
    external_id = lowered.get("externalid") or None
    if external_id is not None and (not isinstance(external_id, str) or len(external_id) > MAX_EXTERNAL_ID):
        raise invalid_value(f"externalId must be a string of at most {MAX_EXTERNAL_ID} characters")
    other = db.session.scalar(sa.select(Team).where(Team.external_id == external_id)) if external_id else None
    if other is not None and other is not team:
        raise not_unique(f"externalId {external_id!r} is already the team with id {other.id}")
    return GroupFields(path[0], external_id, _members(lowered.get("members")))


def _members(value: object) -> list[Employee]:
    ids = [str(item.get("value", "")) for item in items_of("members", value or [])]
    wanted = {int(i) for i in ids if i.isdigit()}
    found = {p.id: p for p in db.session.scalars(sa.select(Employee).where(Employee.id.in_(wanted)))}
    unknown = [i for i in ids if not i.isdigit() or int(i) not in found]
    if unknown:
        raise invalid_value(
            f"members {', '.join(map(repr, unknown[:10]))} are no engage User; give Users' ids"
        )
    return [found[i] for i in sorted(wanted)]
