"""Teams with nine weeks of weekly answers and CSAT, the last week (the one the alerts job judges) chosen."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from engage.alerts.raising import judged_week
from engage.extensions import db
from engage.insights import rollups
from engage.models import Employee, PulseDelivery, PulseResponse, Question, Rating, Team
from engage.models.base import utcnow
from engage.pulses.question_bank import install_question_bank

ALERTS_CHANNEL = "C0ALERTS"
TRAILING = 8


@pytest.fixture
def test_config(slack_config):
    return slack_config | {"ALERTS_CHANNEL": ALERTS_CHANNEL}


@dataclass(frozen=True)
class LastWeek:
    """The judged week: everyone's score, how many answer, the share of satisfied customers."""

    score: int = 4
    answering: int | None = None  # None: everyone
    satisfied: float = 0.85


@dataclass
class Built:
    team: Team
    lead: Employee
    members: list[Employee]


@pytest.fixture
def now() -> datetime:
    return utcnow()


@pytest.fixture
def build_team(app, now):
    """A team of `size` (a lead in it whom the rest report to) with TRAILING ordinary weeks and `last`."""
    install_question_bank()
    question = db.session.scalar(sa.select(Question).where(Question.scale == "likert5").order_by(Question.id))
    judged = judged_week(now.date())

    def build(name: str, size: int, last: LastWeek) -> Built:
        team = Team(name=name)
        slug = name.lower()
        lead = Employee(
            email=f"{slug}-lead@example.com", name=f"{name} Lead", team=team, slack_user_id=f"U{slug}L"
        )
        members = [lead] + [
            Employee(
                email=f"{slug}{i}@example.com",
                name=f"{name} {i}",
                team=team,
                manager=lead,
                slack_user_id=f"U{slug}{i}",
            )
            for i in range(1, size)
        ]
        db.session.add_all(members)
        db.session.flush()
        for week in range(TRAILING + 1):
            monday = judged - timedelta(weeks=TRAILING - week)
            final = week == TRAILING
            for index, person in enumerate(members):
                ordinary = 4 if (index + week) % 3 else 3  # weekly means move a little
                answers = not final or last.answering is None or index < last.answering
                _pulse(person, question, monday, last.score if final else ordinary, answers)
            share = last.satisfied if final else 0.8 + 0.05 * (week % 3)
            _ratings(team, monday, share)
        db.session.commit()
        return Built(team, lead, members)

    return build


def _pulse(person: Employee, question: Question, monday: date, score: int, answers: bool) -> None:
    at = datetime.combine(monday + timedelta(days=1), time(10, 0))
    delivery = PulseDelivery(
        employee=person,
        team_id=person.team_id,
        question=question,
        pulse_date=monday + timedelta(days=1),
        status="sent",
        attempts=1,
        sent_at=at,
        created_at=at,
    )
    db.session.add(delivery)
    if answers:
        db.session.add(
            PulseResponse(
                delivery=delivery,
                employee_id=person.id,
                team_id=person.team_id,
                question=question,
                score=score,
                answered_at=at,
                updated_at=at,
            )
        )


def _ratings(team: Team, monday: date, share: float, count: int = 20) -> None:
    satisfied = round(share * count)
    for i in range(count):
        good = i < satisfied
        db.session.add(
            Rating(
                source="helpdesk",
                external_id=f"{team.name}-{monday}-{i}",
                kind="csat",
                raw_value="5" if good else "2",
                score=100.0 if good else 25.0,
                satisfied=good,
                rated_at=datetime.combine(monday, time(12, 0)),
                team_id=team.id,
                imported_at=datetime.combine(monday, time(13, 0)),
            )
        )


def refresh() -> None:
    rollups.refresh(full=True)
