from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import OPEN, PulseDelivery, Question
from engage.models.base import utcnow
from engage.pulses.clock import local_date
from engage.pulses.question_bank import install_question_bank


@pytest.fixture
def test_config(slack_config):
    return slack_config


@pytest.fixture
def sent_pulse(app):
    """A delivery already sent to `employee` for their local today (or `days_ago` earlier), of the
    driver's first score question (or its open question)."""
    install_question_bank()

    def make(employee, driver="growth", days_ago=0, open_question=False) -> PulseDelivery:
        question = db.session.scalars(
            sa.select(Question)
            .where(Question.driver == driver, (Question.scale == OPEN) == open_question)
            .order_by(Question.id)
            .limit(1)
        ).one()
        day: date = local_date(employee.timezone, utcnow()) - timedelta(days=days_ago)
        delivery = PulseDelivery(
            employee_id=employee.id,
            team_id=employee.team_id,
            question_id=question.id,
            pulse_date=day,
            status="sent",
            attempts=1,
            sent_at=utcnow(),
            slack_channel=f"D{employee.id}",
            slack_ts=f"1700000000.{employee.id:06d}",
        )
        db.session.add(delivery)
        db.session.commit()
        return delivery

    return make
