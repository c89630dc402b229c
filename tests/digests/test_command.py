from datetime import datetime, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.models import DigestDelivery
from tests.slack_requests import slash_command

MONDAY_10 = datetime(2026, 11, 23, 10, 0)


def reply(client, user_id: str, text: str) -> str:
    response = slash_command(client, "/engage", text, user_id)
    assert response.status_code == 200
    body = response.get_json()
    assert body["response_type"] == "ephemeral"
    return body["text"]


def sent_to(fake_slack, user_id: str) -> int:
    return len([c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == user_id])


def test_digest_off_stops_the_digest_and_on_brings_it_back(
    client, make_employee, team_of, digest_cycle, fake_slack
):
    manager = make_employee()
    team_of("Support", 5, manager)

    assert "digest is off" in reply(client, manager.slack_user_id, "digest off")
    digest_cycle(MONDAY_10)
    assert sent_to(fake_slack, manager.slack_user_id) == 0

    answer = reply(client, manager.slack_user_id, "digest ON")
    assert "digest is on: your teams' figures, Mondays at 10:00 your time" in answer
    digest_cycle(MONDAY_10 + timedelta(weeks=1))
    assert sent_to(fake_slack, manager.slack_user_id) == 1


def test_turning_it_off_after_it_was_scheduled_skips_that_weeks_digest(
    client, make_employee, team_of, app, fake_slack
):
    from engage.digests.cycle import run_digest_cycle
    from engage.digests.scheduling import schedule_digests

    manager = make_employee()
    team_of("Support", 5, manager)
    schedule_digests(MONDAY_10)
    reply(client, manager.slack_user_id, "digest off")

    run_digest_cycle(app, MONDAY_10)

    row = db.session.scalar(sa.select(DigestDelivery))
    assert (row.status, row.last_error) == ("skipped", "turned off, or no longer a manager or HR")
    assert sent_to(fake_slack, manager.slack_user_id) == 0


def test_digest_needs_on_or_off_and_says_when_there_is_nothing_to_send(client, make_employee):
    person = make_employee()
    assert "Use `/engage digest off`" in reply(client, person.slack_user_id, "digest")
    assert "I don't know `digest weekly`" in reply(client, person.slack_user_id, "digest weekly")
    assert "nothing to send you yet" in reply(client, person.slack_user_id, "digest on")
    assert "/engage digest off" in reply(client, person.slack_user_id, "help")
