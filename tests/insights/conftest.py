"""Factories for answers, ratings and kudos, written straight to the database."""

from datetime import date, datetime, time, timedelta
from itertools import count

import pytest

from engage.auth.access import Principal
from engage.extensions import db
from engage.models import DRIVERS, Kudos, KudosRecipient, PulseDelivery, PulseResponse, Question, Rating

HR = Principal(role="hr", employee_id=None)


@pytest.fixture
def questions(app) -> dict[str, Question]:
    made = {
        d: Question(driver=d, text=f"About {d}?", scale="nps10" if d == "enps" else "likert5")
        for d in DRIVERS
    }
    db.session.add_all(made.values())
    db.session.commit()
    return made


@pytest.fixture
def answer(questions):
    """answer(employee, day, score, driver='recognition', comment=None, commit=True)"""

    def make(
        employee,
        day: date,
        score: int,
        driver: str = "recognition",
        comment: str | None = None,
        commit: bool = True,
        team_id: int | None | str = "current",
    ) -> PulseResponse:
        team = employee.team_id if team_id == "current" else team_id
        moment = datetime.combine(day, time(10))
        delivery = PulseDelivery(
            employee_id=employee.id,
            team_id=team,
            question_id=questions[driver].id,
            pulse_date=day,
            status="sent",
            sent_at=moment,
            attempts=1,
        )
        response = PulseResponse(
            delivery=delivery,
            employee_id=employee.id,
            team_id=team,
            question_id=questions[driver].id,
            score=score,
            comment=comment,
            answered_at=moment + timedelta(minutes=5),
        )
        db.session.add(response)
        if commit:
            db.session.commit()
        return response

    return make


@pytest.fixture
def send(questions):
    """A delivery that was sent and not answered."""

    def make(employee, day: date, driver: str = "recognition", commit: bool = True) -> PulseDelivery:
        delivery = PulseDelivery(
            employee_id=employee.id,
            team_id=employee.team_id,
            question_id=questions[driver].id,
            pulse_date=day,
            status="sent",
            sent_at=datetime.combine(day, time(10)),
            attempts=1,
        )
        db.session.add(delivery)
        if commit:
            db.session.commit()
        return delivery

    return make


@pytest.fixture
def rate(app):
    """rate(team, when, satisfied=True, kind='csat', score=None, commit=True)"""
    ids = count(1)

    def make(
        team,
        when: datetime | date,
        satisfied: bool = True,
        kind: str = "csat",
        score: float | None = None,
        commit: bool = True,
    ) -> Rating:
        if not isinstance(when, datetime):
            when = datetime.combine(when, time(12))
        if score is None:
            score = 100.0 if satisfied else 25.0
        rating = Rating(
            source="test",
            external_id=str(next(ids)),
            kind=kind,
            raw_value=str(score),
            score=score,
            satisfied=satisfied,
            rated_at=when,
            team_id=team.id if team is not None else None,
        )
        db.session.add(rating)
        if commit:
            db.session.commit()
        return rating

    return make


@pytest.fixture
def give_kudos(app):
    def make(giver, recipients, when: datetime, commit: bool = True) -> Kudos:
        kudos = Kudos(giver_id=giver.id, giver_team_id=giver.team_id, message="thanks", created_at=when)
        kudos.recipients = [KudosRecipient(employee_id=r.id, team_id=r.team_id) for r in recipients]
        db.session.add(kudos)
        if commit:
            db.session.commit()
        return kudos

    return make


@pytest.fixture
def people(make_employee):
    """people(team, n): n new employees of the team."""

    def make(team, n: int):
        return [make_employee(team) for _ in range(n)]

    return make
