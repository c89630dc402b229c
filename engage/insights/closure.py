"""The team tree as ancestor/descendant pairs, kept in team_closure for set-based rollups."""

import json

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Setting, Team, TeamClosure

TREE_KEY = "insights.rollups.team_tree"


def team_parents() -> dict[int, int | None]:
    return dict(db.session.execute(sa.select(Team.id, Team.parent_id)).all())


def ancestor_chains(parent: dict[int, int | None]) -> dict[int, list[int]]:
    """Each team's ancestors, itself first and then up to its root."""
    chains = {}
    for team_id in parent:
        chain: list[int] = []
        current: int | None = team_id
        while current is not None and current not in chain:
            chain.append(current)
            current = parent.get(current)
        chains[team_id] = chain
    return chains


def sync_closure() -> bool:
    """Bring team_closure up to date; True when teams moved or went away (rollups need a rebuild).

    New teams alone need no rebuild: nothing old can have counted in them.
    """
    parents = team_parents()
    setting = db.session.get(Setting, TREE_KEY)
    before = {int(k): v for k, v in json.loads(setting.value).items()} if setting else None
    wanted = {(a, team) for team, chain in ancestor_chains(parents).items() for a in chain}
    stored = set(db.session.execute(sa.select(TeamClosure.ancestor_id, TeamClosure.descendant_id)).all())
    if wanted != stored:
        db.session.execute(sa.delete(TeamClosure))
        if wanted:
            db.session.execute(
                sa.insert(TeamClosure), [{"ancestor_id": a, "descendant_id": d} for a, d in sorted(wanted)]
            )
    if before != parents:
        setting = setting or Setting(key=TREE_KEY)
        setting.value = json.dumps(parents)
        db.session.add(setting)
    return before is None or any(
        team not in parents or parents[team] != parent for team, parent in before.items()
    )


def children_by_scope(ancestors: dict[int, list[int]], org_scope: int) -> dict[int, list[int]]:
    """Direct children of every team, and the top-level teams as children of the organisation."""
    children: dict[int, list[int]] = {org_scope: []}
    for team, chain in ancestors.items():
        parent = chain[1] if len(chain) > 1 else org_scope
        children.setdefault(parent, []).append(team)
    return children
