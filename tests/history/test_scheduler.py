"""The pulse scheduler leaves imported answers alone: never sent, reminded or recovered."""

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import PulseDelivery
from engage.pulses.jobs import run_pulse_cycle
from engage.pulses.question_bank import install_question_bank
from tests.history.conftest import HEADER, import_text

MONDAY = date(2026, 11, 23)


@pytest.fixture
def test_config(slack_config):
    return slack_config | {
        "PULSE_LOCAL_HOUR": 10,
        "ENGAGE_TIMEZONE": "UTC",
        "SLACK_SENDS_PER_SECOND": 0,
        "PULSE_REMINDER_HOURS": 1,
    }


def test_imported_answers_are_not_sent_reminded_or_recovered(app, support_people, fake_slack):
    install_question_bank()
    people = support_people["support"] + support_people["emea"]
    rows = [
        f"{p.email},{day},Old question {n}?,growth,3,,"
        for p in people
        for n, day in enumerate((date(2026, 11, 19), date(2026, 11, 20)))
    ]
    import_text(HEADER + "\n".join(rows) + "\n", today=MONDAY)
    db.session.execute(sa.update(PulseDelivery).values(next_attempt_at=datetime(2026, 11, 1)))
    db.session.commit()

    for hour in (10, 11, 12):
        run_pulse_cycle(app, datetime(2026, 11, 23, hour, 1))
    db.session.expire_all()

    imported = db.session.scalars(sa.select(PulseDelivery).where(PulseDelivery.status == "imported")).all()
    assert len(imported) == 24
    assert {(d.attempts, d.sent_at, d.slack_ts, d.claimed_by, d.reminder_sent_at) for d in imported} == {
        (0, None, None, None, None)
    }
    posts = fake_slack.calls_to("chat.postMessage")
    pulsed = [c.params["metadata"]["event_payload"]["delivery_id"] for c in posts if "metadata" in c.params]
    sent = db.session.scalars(sa.select(PulseDelivery.id).where(PulseDelivery.status == "sent")).all()
    assert sorted(pulsed) == sorted(sent) and len(sent) >= len(people)
    reminders = [c for c in posts if "reminder" in c.params["text"]]
    assert len(reminders) == len(people)  # one each, for today's unanswered pulse only
