"""A company for the pooled analysis, written through the models.

Ops (5 direct members) has 8 sub-teams of 5 whose CSAT follows their engagement two weeks later, and
Ops tiny (4 people: withheld every week, with the link too). Sales (5, top level) has the link too; its
first member manages the other four. Every member of a team answers the team's level of the week, so a week's
engagement is (level - 1) x 25 exactly; each team gets 10 ratings a week, `satisfied[w]` of them satisfied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee, PulseDelivery, PulseResponse, Question, Rating, Team
from engage.pulses.question_bank import install_question_bank

WEEKS = 16
FIRST_MONDAY = date(2025, 3, 3)
LINKED = [f"Ops {i}" for i in range(1, 9)]


@dataclass
class PooledCompany:
    teams: dict[str, Team]
    levels: dict[str, np.ndarray]
    satisfied: dict[str, np.ndarray]
    manager: Employee
    first: date = FIRST_MONDAY
    last: date = FIRST_MONDAY + timedelta(weeks=WEEKS - 1)

    def engagement(self, name: str) -> np.ndarray:
        return (self.levels[name] - 1) * 25.0

    def csat_pct(self, name: str) -> np.ndarray:
        return self.satisfied[name] * 10.0


def seed_pooled_company(seed: int = 11) -> PooledCompany:
    rng = np.random.default_rng(seed)
    install_question_bank()
    question = db.session.scalar(sa.select(Question).where(Question.scale == "likert5").order_by(Question.id))
    ops = Team(name="Ops")
    teams = {"Ops": ops, "Sales": Team(name="Sales"), "Ops tiny": Team(name="Ops tiny", parent=ops)}
    teams |= {name: Team(name=name, parent=ops) for name in LINKED}
    db.session.add_all(teams.values())
    sizes = {"Ops": 5, "Sales": 5, "Ops tiny": 4} | {name: 5 for name in LINKED}
    people = {
        name: [
            Employee(
                email=f"{name.replace(' ', '')}{i}@example.com".lower(), name=f"{name} {i}", team=teams[name]
            )
            for i in range(size)
        ]
        for name, size in sizes.items()
    }
    db.session.add_all(p for members in people.values() for p in members)
    for report in people["Sales"][1:]:
        report.manager = people["Sales"][0]
    db.session.flush()

    levels, satisfied = {}, {}
    for name in sizes:
        levels[name] = np.full(WEEKS, 3) if name == "Ops" else rng.integers(1, 6, size=WEEKS)
        if name != "Ops":
            earlier = np.concatenate([rng.integers(1, 6, size=2), levels[name][:-2]])
            satisfied[name] = np.clip(2 * earlier + rng.integers(-1, 2, size=WEEKS), 0, 10)
    for week in range(WEEKS):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        moment = datetime.combine(monday + timedelta(days=1), time(10))
        for name, members in people.items():
            for person in members:
                delivery = PulseDelivery(
                    employee=person,
                    team_id=person.team_id,
                    question=question,
                    pulse_date=monday,
                    status="sent",
                    attempts=1,
                    sent_at=moment,
                )
                db.session.add(
                    PulseResponse(
                        delivery=delivery,
                        employee_id=person.id,
                        team_id=person.team_id,
                        question=question,
                        score=int(levels[name][week]),
                        answered_at=moment + timedelta(minutes=5),
                    )
                )
        for name, counts in satisfied.items():
            for i in range(10):
                db.session.add(
                    Rating(
                        source="test",
                        external_id=f"{name}-{week}-{i}",
                        kind="csat",
                        raw_value="x",
                        score=100.0 if i < counts[week] else 25.0,
                        satisfied=bool(i < counts[week]),
                        rated_at=datetime.combine(monday + timedelta(days=i % 5), time(9 + i)),
                        team_id=teams[name].id,
                    )
                )
    db.session.commit()
    return PooledCompany(teams, levels, satisfied, people["Sales"][0])
