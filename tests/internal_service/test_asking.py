"""The pulse asks front-line people, once a week, about the teams serving them, taking turns; the DM
goes through the fake Slack Web API."""

import json
from datetime import date, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.internal_service.roles import set_role
from engage.models import PulseDelivery
from engage.models.people import FRONT_LINE, SERVES_FRONT_LINE
from engage.pulses.jobs import run_pulse_cycle
from engage.pulses.question_bank import install_question_bank

FRIDAY = date(2026, 3, 6)
THURSDAY = FRIDAY - timedelta(days=1)


@pytest.fixture
def test_config(slack_config):
    return slack_config | {"PULSE_LOCAL_HOUR": 10, "ENGAGE_TIMEZONE": "UTC", "SLACK_SENDS_PER_SECOND": 0}


@pytest.fixture
def company(app, make_team, make_employee):
    install_question_bank()
    support = make_team("Customer Support")
    emea = make_team("Support EMEA", parent=support)
    it, billing, sales = make_team("IT"), make_team("Billing"), make_team("Sales")
    set_role(support.id, FRONT_LINE)
    set_role(it.id, SERVES_FRONT_LINE)
    set_role(billing.id, SERVES_FRONT_LINE)
    people = {
        "agent": make_employee(emea, timezone="UTC"),
        "it_person": make_employee(it, timezone="UTC"),
        "sales": make_employee(sales, timezone="UTC"),
    }
    return {"it": it, "billing": billing} | people


def cycle(app, day: date) -> None:
    run_pulse_cycle(app, datetime.combine(day, time(10, 5)))
    db.session.expire_all()


def internal_deliveries(person) -> list[PulseDelivery]:
    return list(
        db.session.scalars(
            sa.select(PulseDelivery)
            .where(PulseDelivery.employee_id == person.id, PulseDelivery.served_team_id.is_not(None))
            .order_by(PulseDelivery.pulse_date)
        )
    )


def test_a_front_line_person_is_asked_on_fridays_and_back_office_people_never(app, company, fake_slack):
    assert FRIDAY.weekday() == 4
    cycle(app, THURSDAY)
    assert internal_deliveries(company["agent"]) == []

    cycle(app, FRIDAY)
    cycle(app, FRIDAY)  # a second run that day adds nothing
    [asked] = internal_deliveries(company["agent"])
    assert asked.pulse_date == FRIDAY and asked.served_team_id in (company["it"].id, company["billing"].id)
    assert asked.status == "sent"
    assert internal_deliveries(company["it_person"]) == [] and internal_deliveries(company["sales"]) == []
    served_name = "IT" if asked.served_team_id == company["it"].id else "Billing"
    texts = [c.params["text"] for c in fake_slack.calls_to("chat.postMessage")]
    assert f"Today's pulse: How well did {served_name} help you serve customers this week?" in texts
    [message] = [c for c in fake_slack.calls_to("chat.postMessage") if "How well did" in c.params["text"]]
    assert "1 = not at all, 5 = extremely well" in json.dumps(message.params["blocks"])
    # the day's driver question is still asked beside it, to everyone
    friday = db.session.scalars(sa.select(PulseDelivery).where(PulseDelivery.pulse_date == FRIDAY)).all()
    assert len(friday) == 4


def test_the_served_teams_take_turns_week_by_week(app, company, fake_slack):
    for week in range(4):
        cycle(app, FRIDAY + timedelta(weeks=week))
    rated = [d.served_team_id for d in internal_deliveries(company["agent"])]
    assert len(rated) == 4
    assert rated[0] != rated[1] and rated[0] == rated[2] and rated[1] == rated[3]
    assert set(rated) == {company["it"].id, company["billing"].id}


def test_nobody_is_asked_when_no_team_serves_the_front_line(app, company, fake_slack):
    set_role(company["it"].id, "")
    set_role(company["billing"].id, "")
    cycle(app, FRIDAY)
    assert internal_deliveries(company["agent"]) == []
