from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import PulseDelivery, Question
from engage.models.base import utcnow
from engage.pulses.scheduling import schedule_due
from tests.pulses.conftest import deliveries

MONDAY = date(2026, 11, 23)

# (zone, UTC time of 10:00 local on Monday 23 November 2026)
ZONES = [
    ("America/Los_Angeles", datetime(2026, 11, 23, 18, 0)),
    ("Europe/London", datetime(2026, 11, 23, 10, 0)),
    ("Asia/Kolkata", datetime(2026, 11, 23, 4, 30)),
    ("Australia/Sydney", datetime(2026, 11, 22, 23, 0)),
]


def test_each_zone_gets_one_pulse_at_its_local_hour_and_none_at_the_weekend(make_employee, cycle, fake_slack):
    people = {tz: make_employee(timezone=tz) for tz, _ in ZONES}
    now = datetime(2026, 11, 21, 8, 0)  # Saturday 08:00 UTC: Saturday (or later) everywhere
    while now < datetime(2026, 11, 23, 22, 0):  # before Sydney's Tuesday pulse (Mon 23:00 UTC)
        cycle(now)
        now += timedelta(minutes=30)

    for tz, expected_utc in ZONES:
        rows = deliveries(people[tz])
        assert rows, tz
        assert {r.pulse_date for r in rows} == {MONDAY}, tz
        assert {r.status for r in rows} == {"sent"}, tz
        for row in rows:
            assert expected_utc <= row.sent_at < expected_utc + timedelta(minutes=1), (tz, row.sent_at)
        posts = [
            c
            for c in fake_slack.calls_to("chat.postMessage")
            if c.params["channel"] == people[tz].slack_user_id
        ]
        assert len(posts) == len(rows)
    # the first pulse of the month carries the eNPS question too: one driver question + eNPS
    assert all(len(deliveries(p)) == 2 for p in people.values())


def test_weekend_shifts_get_pulses_when_the_company_pulses_every_day(app, make_employee, cycle):
    app.config["PULSE_WEEKDAYS"] = tuple(range(7))  # ENGAGE_PULSE_DAYS=mon,...,sun
    person = make_employee(timezone="Europe/London")
    cycle(datetime(2026, 11, 21, 10, 0))  # Saturday 10:00 in London
    assert {r.pulse_date for r in deliveries(person)} == {date(2026, 11, 21)}


@pytest.mark.parametrize(
    ("tz", "local_day", "expected_utc"),
    [
        # US spring forward (8 March 2026): 10:00 PST is 18:00 UTC, 10:00 PDT is 17:00 UTC
        ("America/Los_Angeles", date(2026, 3, 6), datetime(2026, 3, 6, 18, 0)),
        ("America/Los_Angeles", date(2026, 3, 9), datetime(2026, 3, 9, 17, 0)),
        # EU spring forward (29 March 2026)
        ("Europe/London", date(2026, 3, 27), datetime(2026, 3, 27, 10, 0)),
        ("Europe/London", date(2026, 3, 30), datetime(2026, 3, 30, 9, 0)),
        # US fall back (1 November 2026)
        ("America/Los_Angeles", date(2026, 10, 30), datetime(2026, 10, 30, 17, 0)),
        ("America/Los_Angeles", date(2026, 11, 2), datetime(2026, 11, 2, 18, 0)),
        # Sydney leaves daylight saving on 5 April 2026 (+11 -> +10)
        ("Australia/Sydney", date(2026, 4, 3), datetime(2026, 4, 2, 23, 0)),
        ("Australia/Sydney", date(2026, 4, 6), datetime(2026, 4, 6, 0, 0)),
    ],
)
def test_daylight_saving_changes_move_the_utc_send_time(make_employee, cycle, tz, local_day, expected_utc):
    person = make_employee(timezone=tz)
    cycle(expected_utc - timedelta(minutes=1))
    assert deliveries(person) == []
    cycle(expected_utc)
    rows = deliveries(person)
    assert rows and {r.pulse_date for r in rows} == {local_day}
    assert {r.status for r in rows} == {"sent"}


def test_running_twice_or_from_two_processes_creates_the_rows_once(make_employee, questions):
    people = [make_employee() for _ in range(3)]
    now = datetime(2026, 11, 23, 11, 0)
    first = schedule_due(now)
    assert first == 6  # one driver question + eNPS each
    assert schedule_due(now) == 0
    assert len(deliveries()) == 6
    # a second scheduler that raced the first writes the same rows: the unique constraint absorbs them
    db.session.execute(sa.delete(PulseDelivery).where(PulseDelivery.employee_id == people[0].id))
    db.session.commit()
    assert schedule_due(now) == 2
    assert schedule_due(now) == 0
    assert len(deliveries()) == 6


def test_paused_inactive_and_unlinked_people_get_nothing(make_employee, cycle, fake_slack):
    make_employee(pulse_paused=True)
    make_employee(active=False)
    make_employee(slack_user_id=None)
    cycle(datetime(2026, 11, 23, 11, 0))
    assert deliveries() == []
    assert fake_slack.calls_to("chat.postMessage") == []


def test_unknown_zone_falls_back_to_company_zone(app, make_employee, cycle):
    app.config["ENGAGE_TIMEZONE"] = "Asia/Tokyo"
    person = make_employee(timezone="Mars/Olympus_Mons")
    cycle(datetime(2026, 11, 23, 0, 59))  # 09:59 in Tokyo
    assert deliveries(person) == []
    cycle(datetime(2026, 11, 23, 1, 0))
    assert deliveries(person)


def test_catch_up_sends_today_but_skips_yesterday(make_employee, cycle, questions, fake_slack):
    person = make_employee(timezone="Europe/London")
    question = next(q for q in questions if q.driver == "growth")
    db.session.add(
        PulseDelivery(
            employee_id=person.id,
            question_id=question.id,
            pulse_date=date(2026, 11, 20),
            next_attempt_at=datetime(2026, 11, 20, 10),
        )
    )
    db.session.commit()
    # the scheduler was down from Friday morning until Monday 15:00
    report = cycle(datetime(2026, 11, 23, 15, 0))
    by_day = {r.pulse_date: r.status for r in deliveries(person)}
    assert by_day[date(2026, 11, 20)] == "skipped"
    assert by_day[MONDAY] == "sent"
    assert report.sending.skipped == 1
    assert all("20 Nov" not in str(c.params) for c in fake_slack.calls_to("chat.postMessage"))
    assert len(fake_slack.calls_to("chat.postMessage")) == len(deliveries(person, MONDAY))


def test_rotation_covers_every_driver_in_two_weeks_and_enps_monthly(make_employee, cycle, questions):
    person = make_employee(timezone="UTC")
    day = date(2026, 11, 2)  # a Monday
    while day <= date(2026, 12, 1):
        if day.weekday() < 5:
            cycle(datetime.combine(day, datetime.min.time()) + timedelta(hours=10))
        day += timedelta(days=1)
    rows = deliveries(person)
    drivers = [r.question.driver for r in rows]
    first_ten_days = [
        r.question.driver for r in rows if r.pulse_date <= date(2026, 11, 13) and r.question.driver != "enps"
    ]
    assert len(first_ten_days) == 10 and len(set(first_ten_days)) == 10
    enps_days = [r.pulse_date for r in rows if r.question.driver == "enps"]
    assert enps_days == [date(2026, 11, 2), date(2026, 12, 1)]
    assert drivers.count("enps") == 2
    # the second pass over a driver asks a different question of it
    growth = [r.question_id for r in rows if r.question.driver == "growth"]
    assert len(growth) >= 2 and len(set(growth)) == len(growth)


def test_retired_questions_are_not_asked(make_employee, cycle, questions):
    for q in questions:
        if q.driver != "workload":
            q.retired_at = utcnow()
    db.session.commit()
    person = make_employee(timezone="UTC")
    cycle(datetime(2026, 11, 23, 10, 0))
    assert [r.question.driver for r in deliveries(person)] == ["workload"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) == len(questions)
