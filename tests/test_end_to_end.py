"""One walk through the real surfaces: roster upload, Slack user sync, pulse, answers, kudos, insights."""

import io
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from engage.auth.access import Principal
from engage.extensions import db
from engage.insights import team_trend
from engage.models import CustomerAccount, Employee, Kudos, PulseDelivery, PulseResponse, Team
from engage.pulses.jobs import run_pulse_cycle
from engage.pulses.question_bank import install_question_bank
from tests.slack_requests import block_action, interactive, slash_command

PEOPLE = ["ana", "ben", "cy", "dee", "eli", "fay"]
SCORES = {"ana": 5, "ben": 4, "cy": 4, "dee": 2, "eli": 3, "fay": 5}


@pytest.fixture
def test_config(slack_config):
    # Every day a pulse day, so the walk runs on the real clock at weekends too.
    return slack_config | {
        "PULSE_LOCAL_HOUR": 10,
        "PULSE_WEEKDAYS": tuple(range(7)),
        "ENGAGE_TIMEZONE": "UTC",
        "SLACK_SENDS_PER_SECOND": 0,
    }


def test_roster_to_pulse_answers_and_kudos_reach_the_insights(
    app, client, runner, make_user, login, fake_slack
):
    login(make_user("hr"))
    roster = "email,name,team,manager_email\n" + "".join(
        f"{n}@example.com,{n.title()} Test,Customer Support / Renewals,"
        f"{'' if n == 'ana' else 'ana@example.com'}\n"
        for n in PEOPLE
    )
    page = client.post(
        "/people/import",
        data={"roster": (io.BytesIO(roster.encode()), "roster.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert page.status_code == 200 and b"Roster imported: 6 created" in page.data

    zone = "Asia/Tokyo"
    fake_slack.users = [
        {
            "id": f"U{n.upper()}",
            "deleted": False,
            "is_bot": False,
            "tz": zone,
            "profile": {"email": f"{n.upper()}@Example.com"},
        }
        for n in PEOPLE
    ]
    synced = runner.invoke(args=["engage", "sync-users"])
    assert synced.exit_code == 0 and "linked or updated 6" in synced.output, synced.output
    people = {e.email.split("@")[0]: e for e in db.session.scalars(sa.select(Employee))}
    assert {(e.slack_user_id, e.timezone) for e in people.values()} == {
        (f"U{n.upper()}", zone) for n in PEOPLE
    }

    install_question_bank()
    local_today = datetime.now(UTC).astimezone(ZoneInfo(zone)).date()
    ten_local = datetime.combine(local_today, time(10), ZoneInfo(zone))
    report = run_pulse_cycle(app, now=ten_local.astimezone(UTC).replace(tzinfo=None) + timedelta(minutes=1))
    assert report.scheduled >= 6 and report.sending.sent >= 6
    db.session.expire_all()
    deliveries = list(db.session.scalars(sa.select(PulseDelivery).where(PulseDelivery.status == "sent")))
    likert = {d.employee_id: d for d in deliveries if d.question.scale == "likert5"}
    assert set(likert) == {e.id for e in people.values()}
    assert len(fake_slack.calls_to("chat.postMessage")) == len(deliveries)

    for name, person in people.items():
        delivery, score = likert[person.id], SCORES[name]
        body = block_action(
            person.slack_user_id,
            f"pulse_score_{score}",
            f"{delivery.id}:{score}",
            channel_id=delivery.slack_channel,
            message_ts=delivery.slack_ts,
        )
        assert interactive(client, body).status_code == 200
    db.session.expire_all()
    assert sorted(r.score for r in db.session.scalars(sa.select(PulseResponse))) == sorted(SCORES.values())

    db.session.add(CustomerAccount(name="Acme"))
    db.session.commit()
    said = slash_command(
        client,
        "/kudos",
        "<@UBEN|ben> <@UCY> for saving the Acme renewal",
        "UANA",
        response_url=fake_slack.api_url + "respond",
        trigger_id="e2e-trigger",
    )
    assert said.status_code == 200
    [kudos] = db.session.scalars(sa.select(Kudos))
    assert kudos.account.name == "Acme" and len(kudos.recipients) == 2

    refreshed = runner.invoke(args=["engage", "refresh-stats"])
    assert refreshed.exit_code == 0, refreshed.output

    hr = Principal(role="hr", employee_id=None)
    renewals = db.session.scalar(sa.select(Team).where(Team.name == "Renewals"))
    start = min(local_today, datetime.now(UTC).date()) - timedelta(days=7)
    trend = team_trend(hr, renewals.id, start, max(local_today, datetime.now(UTC).date()))
    week = next(p for p in trend.points if p.period_start <= local_today < p.period_start + timedelta(days=7))
    assert not week.withheld and week.respondents == 6
    expected = sum((s - 1) * 25 for s in SCORES.values()) / len(SCORES)
    assert week.engagement == pytest.approx(expected, abs=0.005)  # shown to 2 decimals
    assert week.participation == pytest.approx(100.0)
    assert sum(p.kudos_given for p in trend.points) == 1
    assert sum(p.kudos_received for p in trend.points) == 2


def test_fewer_than_five_respondents_are_withheld_end_to_end(
    app, client, runner, fake_slack, make_team, make_employee
):
    zone = "Asia/Tokyo"
    team = make_team("Small")
    people = [make_employee(team, timezone=zone) for _ in range(4)]
    install_question_bank()
    local_today = datetime.now(UTC).astimezone(ZoneInfo(zone)).date()
    ten_local = datetime.combine(local_today, time(10), ZoneInfo(zone))
    run_pulse_cycle(app, now=ten_local.astimezone(UTC).replace(tzinfo=None) + timedelta(minutes=1))
    db.session.expire_all()
    for person in people:
        delivery = db.session.scalar(
            sa.select(PulseDelivery)
            .where(PulseDelivery.employee_id == person.id)
            .where(PulseDelivery.status == "sent")
            .where(PulseDelivery.question.has(scale="likert5"))
        )
        interactive(
            client,
            block_action(
                person.slack_user_id,
                "pulse_score_4",
                f"{delivery.id}:4",
                channel_id=delivery.slack_channel,
                message_ts=delivery.slack_ts,
            ),
        )
    assert runner.invoke(args=["engage", "refresh-stats"]).exit_code == 0
    trend = team_trend(Principal(role="hr", employee_id=None), team.id, local_today, local_today)
    [week] = trend.points
    assert week.withheld and week.engagement is None and week.respondents is None
