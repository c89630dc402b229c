from datetime import date, datetime, time

import pytest
import sqlalchemy as sa

from engage.auth.tokens import create_token
from engage.extensions import db
from engage.models import Employee, PulseDelivery, PulseResponse, Question, Team
from engage.models.pulses import INTERNAL_SERVICE
from engage.pulses.question_bank import install_question_bank


@pytest.fixture
def bearer(app):
    """Authorization headers with an API token of `role`."""

    def make(role: str = "hr", user=None) -> dict:
        return {"Authorization": f"Bearer {create_token(role, 'test', user)}"}

    return make


@pytest.fixture
def rate(app):
    """Record that `person` rated `served` `score` (1-5) on `day`, as an answered internal service pulse."""
    install_question_bank()
    question = db.session.scalar(sa.select(Question).where(Question.driver == INTERNAL_SERVICE))

    def record(person: Employee, served: Team, day: date, score: int, commit: bool = True) -> PulseResponse:
        moment = datetime.combine(day, time(10))
        delivery = PulseDelivery(
            employee_id=person.id,
            team_id=person.team_id,
            question_id=question.id,
            served_team_id=served.id,
            pulse_date=day,
            status="sent",
            attempts=1,
            sent_at=moment,
        )
        response = PulseResponse(
            delivery=delivery,
            employee_id=person.id,
            team_id=person.team_id,
            question_id=question.id,
            score=score,
            answered_at=moment,
        )
        db.session.add_all([delivery, response])
        if commit:
            db.session.commit()
        return response

    return record
