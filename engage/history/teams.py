"""The team each answer counts in: a path of existing teams, or new teams for teams gone since.

Existing teams stay where they are: a path must name their parents as engage has them. A team engage
does not have is created, under the team named before it in the path.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Team
from engage.people.roster_file import TEAM_SEPARATOR


@dataclass
class _NewTeam:
    name: str
    parent_key: str | None
    line: int | None  # where its parent was first stated; None: not yet (a path starting with it)


@dataclass
class TeamPlan:
    """Teams by lower-case name: those engage has and those the file adds."""

    existing: dict[str, Team] = field(default_factory=dict)
    new: dict[str, _NewTeam] = field(default_factory=dict)
    checked: dict[tuple[str, ...], str | list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "TeamPlan":
        return cls(existing={t.name.lower(): t for t in db.session.scalars(sa.select(Team))})

    def resolve(self, path: tuple[str, ...], line: int) -> str | list[str]:
        """The key of the path's team, or what is wrong with the path (the same answer for the same path)."""
        if path not in self.checked:
            self.checked[path] = self._check(path, line)
        return self.checked[path]

    def _check(self, path: tuple[str, ...], line: int) -> str | list[str]:
        parent_key = ""  # the key of the team at the path's previous position
        for position, name in enumerate(path):
            key = name.lower()
            stated = parent_key if position else None
            if key in self.existing:
                team = self.existing[key]
                actual = team.parent.name.lower() if team.parent else None
                if position and actual != stated:
                    where = f"under {team.parent.name!r}" if team.parent else "at the top"
                    return [
                        f"team {team.name!r} is {where} in engage, not under {path[position - 1]!r}; "
                        f"write its path as engage has it, or give only {team.name!r}"
                    ]
            elif key not in self.new:
                self.new[key] = _NewTeam(name, stated, line if position else None)
            elif position:
                new = self.new[key]
                if new.line is None:
                    if self._above(stated, key):
                        return [
                            f"team {name!r} would be inside itself under {path[position - 1]!r}; "
                            "give each team one place in the tree"
                        ]
                    new.parent_key, new.line = stated, line
                elif new.parent_key is not None and new.parent_key != stated:
                    parent = (
                        self.new[new.parent_key].name
                        if new.parent_key in self.new
                        else (self.existing[new.parent_key].name)
                    )
                    return [
                        f"team {name!r} is under {parent!r} on line {new.line} but under "
                        f"{path[position - 1]!r} here; a team has one parent"
                    ]
            parent_key = key
        return parent_key

    def _above(self, start: str | None, key: str) -> bool:
        """Whether `key` is `start` or one of its ancestors among the new teams."""
        while start is not None:
            if start == key:
                return True
            start = self.new[start].parent_key if start in self.new else None
        return False

    def create(self) -> tuple[dict[str, int], list[str]]:
        """Add the new teams (no commit); return every team's id by key and the new teams' paths."""
        teams = dict(self.existing)
        for key, new in self.new.items():
            teams[key] = Team(name=new.name)
            db.session.add(teams[key])
        for key, new in self.new.items():
            if new.parent_key is not None:
                teams[key].parent = teams[new.parent_key]
        db.session.flush()
        return {key: team.id for key, team in teams.items()}, [self._path(key) for key in self.new]

    def _path(self, key: str) -> str:
        """The new team's path down from the nearest team engage already had."""
        names = []
        current: str | None = key
        while current in self.new:
            names.append(self.new[current].name)
            current = self.new[current].parent_key
        if current is not None:
            names.append(self.existing[current].name)
        return TEAM_SEPARATOR.join(reversed(names))
