"""A small company with weekly pulses, CSAT and kudos, written through the models.

Support's CSAT follows its engagement two weeks later. Tiny (3 people) and Pair (2) are under the
threshold; together (5) they let the organisation's figures show.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.models import (
    Employee,
    Kudos,
    KudosRecipient,
    PulseDelivery,
    PulseResponse,
    Question,
    Rating,
    Team,
)
from engage.pulses.question_bank import install_question_bank

WEEKS = 20
TEAM_SIZES = {"Support": 9, "Sales": 6, "Tiny": 3, "Pair": 2}
COMMENTS = [
    "The new rota gives me time to follow up with customers properly.",
    "Too many tickets at the end of the month.",
    "My manager backed me up with a difficult customer.",
]


@dataclass
class Company:
    teams: dict[str, Team]
    people: dict[str, list[Employee]]
    first_monday: date
    weeks: int


def _levels(rng: random.Random, weeks: int) -> list[float]:
    """Planted weekly engagement on the 1-5 scale: independent weeks around 3.4."""
    return [max(1.6, min(4.9, 3.4 + rng.gauss(0, 0.8))) for _ in range(weeks)]


def seed_company(today: date | None = None, weeks: int = WEEKS, seed: int = 7) -> Company:
    rng = random.Random(seed)
    levels = _levels(rng, weeks)
    today = today or date.today()
    last_monday = today - timedelta(days=today.weekday(), weeks=1)
    first_monday = last_monday - timedelta(weeks=weeks - 1)
    install_question_bank()
    likert = list(
        db.session.scalars(sa.select(Question).where(Question.scale == "likert5").order_by(Question.id))
    )
    enps = db.session.scalars(sa.select(Question).where(Question.driver == "enps")).one()

    teams = {name: Team(name=name) for name in TEAM_SIZES}
    db.session.add_all(teams.values())
    people: dict[str, list[Employee]] = {}
    for name, size in TEAM_SIZES.items():
        slug = name.lower()
        people[name] = [
            Employee(email=f"{slug}{i}@example.com", name=f"{name} Person {i}", team=teams[name])
            for i in range(size)
        ]
        db.session.add_all(people[name])
    db.session.flush()
    lead = people["Support"][0]
    for person in people["Support"][1:]:
        person.manager = lead

    for week in range(weeks):
        monday = first_monday + timedelta(weeks=week)
        answered_at = datetime.combine(monday + timedelta(days=1), time(10, 30))
        for members in people.values():
            for index, person in enumerate(members):
                question = likert[(week % 10) * 3 + (week // 10) % 3]
                score = max(1, min(5, round(levels[week] + rng.gauss(0, 0.5))))
                comment = COMMENTS[(week + index) % len(COMMENTS)] if week % 5 == 0 else None
                _answer(person, question, monday, answered_at, score, comment)
                if week % 4 == 3:
                    _answer(person, enps, monday, answered_at, max(0, min(10, round(levels[week] * 2))))
        _ratings(rng, teams, monday, levels[week - 2] if week >= 2 else 3.4)
        _kudos(people, monday, week)
    db.session.commit()
    return Company(teams=teams, people=people, first_monday=first_monday, weeks=weeks)


def _answer(
    person: Employee, question: Question, monday: date, answered_at: datetime, score: int, comment=None
) -> None:
    delivery = PulseDelivery(
        employee=person,
        team_id=person.team_id,
        question=question,
        pulse_date=monday,
        status="sent",
        attempts=1,
        sent_at=answered_at - timedelta(hours=1),
        created_at=answered_at - timedelta(hours=1),
    )
    db.session.add(delivery)
    db.session.add(
        PulseResponse(
            delivery=delivery,
            employee_id=person.id,
            team_id=person.team_id,
            question=question,
            score=score,
            comment=comment,
            answered_at=answered_at,
            updated_at=answered_at,
        )
    )


def _ratings(rng: random.Random, teams: dict[str, Team], monday: date, level_two_weeks_ago: float) -> None:
    """Support's share of satisfied customers tracks its engagement two weeks earlier."""
    satisfied_share = max(0.05, min(0.95, 0.5 + 0.3 * (level_two_weeks_ago - 3.4)))
    for name, per_week in (("Support", 20), ("Sales", 6)):
        for i in range(per_week):
            satisfied = rng.random() < (satisfied_share if name == "Support" else 0.7)
            value = rng.choice([4, 5]) if satisfied else rng.choice([1, 2, 3])
            db.session.add(
                Rating(
                    source="helpdesk",
                    external_id=f"{name}-{monday}-{i}",
                    kind="csat",
                    raw_value=str(value),
                    score=(value - 1) * 25.0,
                    satisfied=satisfied,
                    rated_at=datetime.combine(monday + timedelta(days=i % 5), time(14, 0)),
                    team_id=teams[name].id,
                    imported_at=datetime.combine(monday, time(23, 0)),
                )
            )


def _kudos(people: dict[str, list[Employee]], monday: date, week: int) -> None:
    support, sales = people["Support"], people["Sales"]
    giver, receiver = support[week % len(support)], sales[week % len(sales)]
    kudos = Kudos(
        giver=giver,
        giver_team_id=giver.team_id,
        message="Thanks for the handover",
        created_at=datetime.combine(monday + timedelta(days=2), time(11, 0)),
    )
    kudos.recipients.append(KudosRecipient(employee=receiver, team_id=receiver.team_id))
    db.session.add(kudos)
