from datetime import date, datetime

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import PulseDelivery, Question
from engage.pulses.jobs import run_pulse_cycle
from engage.pulses.question_bank import install_question_bank


@pytest.fixture
def test_config(slack_config):
    return slack_config | {"PULSE_LOCAL_HOUR": 10, "ENGAGE_TIMEZONE": "UTC", "SLACK_SENDS_PER_SECOND": 0}


@pytest.fixture
def questions(app):
    install_question_bank()
    return list(db.session.scalars(sa.select(Question)))


@pytest.fixture
def cycle(app, questions):
    """Run the scheduler's job once at a given naive-UTC time."""

    def run(now: datetime):
        report = run_pulse_cycle(app, now)
        db.session.expire_all()
        return report

    return run


def deliveries(employee=None, day: date | None = None) -> list[PulseDelivery]:
    query = sa.select(PulseDelivery).order_by(PulseDelivery.id)
    if employee is not None:
        query = query.where(PulseDelivery.employee_id == employee.id)
    if day is not None:
        query = query.where(PulseDelivery.pulse_date == day)
    return list(db.session.scalars(query))
