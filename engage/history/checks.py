"""The first pass over a history file: every row checked, nothing written.

An answer's natural key is (person, question, day), as for a pulse sent in Slack: a file may hold
each once, and may not give an answer to a question engage itself sent that person that day.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import sqlalchemy as sa

from engage.extensions import db
from engage.history.questions import QuestionPlan
from engage.history.rows import HistoryRow, parse_row
from engage.history.teams import TeamPlan
from engage.models import Employee, PulseDelivery

CHECK_BATCH = 1000


class Person(NamedTuple):
    id: int
    team_id: int | None


class Placed(NamedTuple):
    """A row with its person; team_key None: the person's team now."""

    row: HistoryRow
    person: Person
    team_key: str | None


@dataclass
class Checker:
    today: date
    people: dict[str, Person] = field(default_factory=dict)
    questions: QuestionPlan = field(default_factory=QuestionPlan)
    teams: TeamPlan = field(default_factory=TeamPlan)
    first_line: dict[int, int] = field(default_factory=dict)
    days: set[date] = field(default_factory=set)

    @classmethod
    def load(cls, today: date) -> "Checker":
        people = {
            email.lower(): Person(id, team_id)
            for id, email, team_id in db.session.execute(
                sa.select(Employee.id, Employee.email, Employee.team_id)
            )
        }
        return cls(today, people, QuestionPlan.load(), TeamPlan.load())

    def place(self, line: int, values: dict[str, str]) -> tuple[Placed | None, list[str]]:
        """The row with its person and team, or its problems; the same answer in both passes."""
        row, problems = parse_row(line, values, self.today)
        if row is None:
            return None, problems
        person = self.people.get(row.email)
        if person is None:
            problems.append(
                f"{row.email} is nobody in engage; import the roster with them first, or fix the address"
            )
        problems += self.questions.check(row)
        team_key = self.teams.resolve(row.team_path, line) if row.team_path else None
        if isinstance(team_key, list):
            return None, problems + team_key
        if problems or person is None:
            return None, problems
        return Placed(row, person, team_key), []

    def check(self, line: int, values: dict[str, str]) -> tuple[Placed | None, list[str]]:
        """As place, and the row's answer is not already on an earlier line."""
        placed, problems = self.place(line, values)
        if placed is None:
            return None, problems
        row = placed.row
        key = (placed.person.id << 42) | (self.questions.index[row.question_key] << 22) | row.day.toordinal()
        first = self.first_line.setdefault(key, line)
        if first != line:
            return None, [
                f"{row.email} already answers this question on {row.day} on line {first}; "
                "keep one row per person, question and day"
            ]
        self.days.add(row.day)
        return placed, []

    def asked_in_slack(self, placed: list[Placed]) -> list[tuple[int, str]]:
        """(line, problem) for rows whose question engage itself sent the person that day."""
        known = {p.row.question_key: self.questions.known[p.row.question_key].id for p in placed}
        keyed = {
            (p.person.id, question_id, p.row.day): p.row
            for p in placed
            if (question_id := known[p.row.question_key]) is not None
        }
        found = []
        for key, (_, status) in deliveries(keyed).items():
            if status != "imported":
                row = keyed[key]
                found.append(
                    (
                        row.line,
                        f"engage sent this question to {row.email} on {row.day} in Slack "
                        f"(status {status}); leave this row out",
                    )
                )
        return found


def deliveries(keys: Iterable[tuple[int, int, date]]) -> dict[tuple[int, int, date], tuple[int, str]]:
    """The (id, status) of the deliveries stored under these (person, question, day) keys."""
    keys = set(keys)
    if not keys:
        return {}
    # Plain IN lists and a day range, filtered here: a tuple IN of a thousand keys costs more to compile.
    people, questions, days = ({key[i] for key in keys} for i in range(3))
    key_columns = (PulseDelivery.employee_id, PulseDelivery.question_id, PulseDelivery.pulse_date)
    rows = db.session.execute(
        sa.select(*key_columns, PulseDelivery.id, PulseDelivery.status).where(
            PulseDelivery.employee_id.in_(people),
            PulseDelivery.question_id.in_(questions),
            PulseDelivery.pulse_date.between(min(days), max(days)),
        )
    )
    return {(e, q, d): (id, status) for e, q, d, id, status in rows if (e, q, d) in keys}
