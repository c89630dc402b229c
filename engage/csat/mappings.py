"""Help-desk group -> team mappings, managed by HR."""

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Team, TeamMapping


class MappingError(ValueError):
    pass


def list_mappings() -> list[TeamMapping]:
    return list(
        db.session.scalars(
            sa.select(TeamMapping).join(Team).order_by(TeamMapping.source, TeamMapping.external_group)
        )
    )


def add_mapping(source: str, external_group: str, team_id: int) -> TeamMapping:
    source, external_group = source.strip(), external_group.strip()
    if not source or not external_group:
        raise MappingError("give both the source (e.g. zendesk) and the help-desk group name")
    if db.session.get(Team, team_id) is None:
        raise MappingError("choose an existing team")
    clash = db.session.scalar(
        sa.select(TeamMapping).where(
            TeamMapping.source == source, sa.func.lower(TeamMapping.external_group) == external_group.lower()
        )
    )
    if clash is not None:
        raise MappingError(
            f"group {external_group!r} of {source} already maps to {clash.team.name}: "
            "delete that mapping first"
        )
    mapping = TeamMapping(source=source, external_group=external_group, team_id=team_id)
    db.session.add(mapping)
    db.session.commit()
    return mapping


def delete_mapping(mapping_id: int) -> bool:
    mapping = db.session.get(TeamMapping, mapping_id)
    if mapping is None:
        return False
    db.session.delete(mapping)
    db.session.commit()
    return True
