"""A small company to import history into, and helpers to import a CSV text."""

import io
from datetime import date

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.history.importer import HistorySummary, import_responses
from engage.models import Employee, PulseDelivery, PulseResponse, Question, Team

HEADER = "email,date,question,driver,score,comment,team\n"
TODAY = date(2026, 6, 15)


@pytest.fixture
def support_people(make_team, make_employee) -> dict[str, list[Employee]]:
    """Support (6 people) with its sub-team Support EMEA (6 people); emails support0..., emea0..."""
    support = make_team("Support")
    emea = make_team("Support EMEA", parent=support)
    return {
        "support": [make_employee(support, email=f"support{i}@example.com") for i in range(6)],
        "emea": [make_employee(emea, email=f"emea{i}@example.com") for i in range(6)],
    }


def import_text(text: str, **options) -> HistorySummary:
    return import_responses(io.BytesIO(text.encode()), today=options.pop("today", TODAY), **options)


def stored() -> list[tuple]:
    """Each answer: email, day, question, driver, score, comment, delivery team, answer team, status."""
    team = sa.orm.aliased(Team)
    answer_team = sa.orm.aliased(Team)
    rows = db.session.execute(
        sa.select(
            Employee.email,
            PulseDelivery.pulse_date,
            Question.text,
            Question.driver,
            PulseResponse.score,
            PulseResponse.comment,
            team.name,
            answer_team.name,
            PulseDelivery.status,
        )
        .select_from(PulseDelivery)
        .join(Employee, Employee.id == PulseDelivery.employee_id)
        .join(Question, Question.id == PulseDelivery.question_id)
        .outerjoin(PulseResponse, PulseResponse.delivery_id == PulseDelivery.id)
        .outerjoin(team, team.id == PulseDelivery.team_id)
        .outerjoin(answer_team, answer_team.id == PulseResponse.team_id)
        .order_by(PulseDelivery.pulse_date, Employee.email, Question.text)
    )
    return [tuple(row) for row in rows]


def count(model) -> int:
    return db.session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


@pytest.fixture
def questions_sent(support_people) -> tuple[Employee, Question]:
    """A growth question engage sent emea0 in Slack on 2026-01-05."""
    person = support_people["emea"][0]
    question = Question(driver="growth", text="I am learning things at work.", scale="likert5")
    db.session.add(question)
    db.session.flush()
    db.session.add(
        PulseDelivery(
            employee_id=person.id,
            team_id=person.team_id,
            question_id=question.id,
            pulse_date=date(2026, 1, 5),
            status="sent",
        )
    )
    db.session.commit()
    return person, question
