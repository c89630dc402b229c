"""Who may see which group, and the team tree a request works on."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from engage.analytics.metrics import ORG_SCOPE
from engage.auth.access import Principal, teams_under_query
from engage.extensions import db
from engage.insights import per_request, rollups
from engage.insights.closure import ancestor_chains, children_by_scope
from engage.insights.types import TeamInfo, UnknownTeam
from engage.models import Setting, SharedFigures, Team
from engage.models.people import SERVES_FRONT_LINE

ORGANISATION = "Whole organisation"


@dataclass
class Tree:
    """The team tree as one principal sees it, and the version of the rollups read with it."""

    names: dict[int, str]
    ancestors: dict[int, list[int]]
    children: dict[int, list[int]]
    visible: set[int] | None
    fingerprint: tuple = ()
    rollup_version: str | None = None
    serving_front_line: frozenset[int] = frozenset()  # teams marked as serving the front line
    shared: bool = False  # the scheduler made shared figures for this rollup version (insights.shared)

    def name(self, scope: int) -> str:
        return ORGANISATION if scope == ORG_SCOPE else self.names[scope]

    def visible_teams(self) -> list[int]:
        return sorted(self.names if self.visible is None else self.visible & self.names.keys())

    def with_children(self, scopes: list[int]) -> list[int]:
        return sorted(set(scopes).union(*(self.children.get(s, []) for s in scopes)))

    def descendants(self, scope: int) -> set[int]:
        if scope == ORG_SCOPE:
            return set(self.names)
        return {team for team, chain in self.ancestors.items() if scope in chain}


def load_tree(principal: Principal) -> Tree:
    """The team tree, the teams the principal may see and the rollup version: one statement per request."""
    return per_request.once(("tree", principal), lambda: _read_tree(principal))


def _read_tree(principal: Principal) -> Tree:
    teams = db.session.execute(_tree_query(principal)).all()
    names = {team.id: team.name for team in teams}
    ancestors = ancestor_chains({team.id: team.parent_id for team in teams})
    fingerprint = tuple(sorted((team, tuple(ancestors.get(team, ())), name) for team, name in names.items()))
    visible = None if principal.sees_everything else {team.id for team in teams if team.visible}
    version = teams[0].rollup_version if teams else rollups.current_version()
    serving = frozenset(team.id for team in teams if team.front_line_role == SERVES_FRONT_LINE)
    shared = bool(teams) and bool(teams[0].shared)
    children = children_by_scope(ancestors, ORG_SCOPE)
    return Tree(names, ancestors, children, visible, fingerprint, version, serving, shared)


def _tree_query(principal: Principal) -> sa.Select:
    """Every team, whether the principal may see it, and (on every row) the rollup version and whether shared
    figures were made for it."""
    visible: sa.ColumnElement[bool]
    if principal.sees_everything:
        visible = sa.true()
    elif principal.employee_id is None:
        visible = sa.false()
    else:
        visible = Team.id.in_(teams_under_query(principal.employee_id))
    version = sa.select(Setting.value).where(Setting.key == rollups.VERSION_KEY).scalar_subquery()
    shared = sa.exists().where(SharedFigures.version == version)
    return sa.select(
        Team.id,
        Team.name,
        Team.parent_id,
        Team.front_line_role,
        visible.label("visible"),
        version.label("rollup_version"),
        shared.label("shared"),
    )


def require_scope(tree: Tree, principal: Principal, team_id: int | None) -> int:
    """The scope for a team id (None: the organisation), or UnknownTeam / PermissionError."""
    if team_id is None:
        if not principal.sees_everything:
            raise PermissionError("only HR and admins can see the whole organisation")
        return ORG_SCOPE
    if team_id not in tree.names:
        raise UnknownTeam(f"there is no team with id {team_id}")
    if tree.visible is not None and team_id not in tree.visible:
        raise PermissionError(f"team {team_id} is not one of your teams")
    return team_id


def thresholds() -> tuple[int, int]:
    """The anonymity thresholds for figures and for comments."""
    return current_app.config["ANONYMITY_THRESHOLD"], current_app.config["COMMENT_ANONYMITY_THRESHOLD"]


def team_infos(tree: Tree) -> list[TeamInfo]:
    """Visible teams depth-first, parents before children, siblings by name."""
    visible = set(tree.visible_teams())
    roots = sorted(
        (t for t in visible if not (set(tree.ancestors[t][1:]) & visible)),
        key=lambda t: tree.names[t].lower(),
    )
    out: list[TeamInfo] = []

    def walk(team: int, depth: int) -> None:
        parent = tree.ancestors[team][1] if len(tree.ancestors[team]) > 1 else None
        out.append(TeamInfo(team, tree.names[team], parent, depth))
        for child in sorted(tree.children.get(team, []), key=lambda t: tree.names[t].lower()):
            if child in visible:
                walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    return out
