"""Pulse score clicks are answered before Flask (engage/slack/score_clicks.py); every other request to
/slack/events, and a click the checks refuse, reaches Flask with its body as sent."""

import json
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
from flask import request

from engage.extensions import db
from engage.models import Kudos, PulseResponse
from tests.slack_requests import block_action, interactive, signed_headers, slash_command

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def reached_flask(app) -> list[str]:
    """The paths of the requests Flask's own request handling saw."""
    seen: list[str] = []
    app.before_request(lambda: seen.append(request.path))
    return seen


def click(person, delivery, score: int) -> dict:
    return block_action(person.slack_user_id, f"pulse_score_{score}", f"{delivery.id}:{score}")


def test_a_click_is_stored_without_flask_and_other_requests_reach_it(
    client, make_employee, sent_pulse, reached_flask, fake_slack
):
    person = make_employee()
    delivery = sent_pulse(person)
    response = interactive(client, click(person, delivery, 4))
    assert response.status_code == 200 and response.data == b""
    assert db.session.scalars(sa.select(PulseResponse.score)).all() == [4]
    assert reached_flask == []
    assert len(fake_slack.calls_to("chat.update")) == 1

    interactive(client, block_action(person.slack_user_id, "pulse_comment", str(delivery.id)))
    assert reached_flask == ["/slack/events"]


def test_a_slash_command_that_mentions_a_score_button_still_reaches_bolt(
    client, make_employee, reached_flask, fake_slack
):
    giver, receiver = make_employee(), make_employee()
    text = f"<@{receiver.slack_user_id}> for explaining pulse_score_5 to a customer"
    response = slash_command(client, "/kudos", text, giver.slack_user_id, channel_id="C111")
    assert response.status_code == 200, response.data
    assert reached_flask == ["/slack/events"]
    [kudos] = db.session.scalars(sa.select(Kudos))
    assert kudos.message == "explaining pulse_score_5 to a customer"


def test_a_badly_signed_click_gets_flasks_refusal_and_stores_nothing(
    client, make_employee, sent_pulse, reached_flask
):
    person = make_employee()
    delivery = sent_pulse(person)
    body = urlencode({"payload": json.dumps(click(person, delivery, 2))})
    headers = signed_headers(body, FORM, secret="not the signing secret")
    response = client.post("/slack/events", data=body, headers=headers)
    assert response.status_code == 401
    assert "signature does not match" in response.get_json()["error"]
    assert reached_flask == ["/slack/events"]
    assert db.session.scalars(sa.select(PulseResponse)).all() == []
