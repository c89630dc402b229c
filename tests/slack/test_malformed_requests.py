"""Requests to /slack/events that Slack would never send: 401 when unsigned or badly signed, 400 when
signed but malformed; never a 500 (Slack retries those)."""

import json
import time
from urllib.parse import urlencode

import pytest

from tests.kudos.helpers import modal_submission
from tests.slack_requests import (
    block_action,
    block_suggestion,
    message_shortcut,
    payload,
    post_signed,
    signed_headers,
    slash_command,
)

FORM = "application/x-www-form-urlencoded"


def _post(client, body: str, headers: dict):
    return client.post("/slack/events", data=body, headers=headers)


def test_a_non_numeric_timestamp_is_401(client):
    body = json.dumps(payload("app_mention"))
    response = _post(client, body, signed_headers(body, "application/json", timestamp="soon"))
    assert response.status_code == 401
    assert "X-Slack-Request-Timestamp" in response.get_json()["error"]


def test_a_signature_without_its_timestamp_is_401(client):
    body = json.dumps(payload("app_mention"))
    headers = signed_headers(body, "application/json")
    del headers["X-Slack-Request-Timestamp"]
    assert _post(client, body, headers).status_code == 401


def test_a_timestamp_without_a_signature_is_401(client):
    body = json.dumps(payload("app_mention"))
    headers = signed_headers(body, "application/json")
    del headers["X-Slack-Signature"]
    assert _post(client, body, headers).status_code == 401


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", "null", '"text"', "[" * 100_000 + "]" * 100_000])
def test_a_signed_payload_that_is_not_a_json_object_is_400(client, raw):
    response = post_signed(client, urlencode({"payload": raw}), FORM)
    assert response.status_code == 400
    assert "payload" in response.get_json()["error"]


@pytest.mark.parametrize("body", ["{not json", "[]", "{" + '"a":' * 100_000 + "1" + "}" * 100_000])
def test_a_signed_json_body_that_is_not_a_json_object_is_400(client, body):
    response = post_signed(client, body, "application/json")
    assert response.status_code == 400
    assert "JSON object" in response.get_json()["error"]


@pytest.mark.parametrize("actions", [{}, [], "x", [{}], [{"action_id": 7}], None])
def test_signed_block_actions_without_a_list_of_actions_is_400(client, actions):
    body = block_action("U000001", "pulse_answer", "3")
    body["actions"] = actions
    response = post_signed(client, urlencode({"payload": json.dumps(body)}), FORM)
    assert response.status_code == 400
    assert "actions" in response.get_json()["error"]


@pytest.mark.parametrize("field", ["user", "type"])
def test_signed_interaction_without_its_user_or_type_is_400(client, field):
    body = block_action("U000001", "pulse_answer", "3")
    del body[field]
    assert post_signed(client, urlencode({"payload": json.dumps(body)}), FORM).status_code == 400


def test_signed_slash_command_without_user_id_is_400(client):
    form = payload("slash_command") | {"command": "/kudos", "text": "@bo thanks"}
    del form["user_id"]
    response = post_signed(client, urlencode(form), FORM)
    assert response.status_code == 400
    assert "user_id" in response.get_json()["error"]


def test_signed_event_callback_without_an_event_object_is_400(client):
    envelope = payload("app_mention") | {"event": "nope"}
    assert post_signed(client, json.dumps(envelope), "application/json").status_code == 400


def _kudos_state_as_a_list() -> dict:
    body = modal_submission(["UANN"])
    body["view"]["state"]["values"]["kudos_recipients"] = []
    return body


def _kudos_message_as_a_number() -> dict:
    body = modal_submission(["UANN"])
    body["view"]["state"]["values"]["kudos_message"]["kudos_message"]["value"] = 5
    return body


def _shortcut_message_as_text() -> dict:
    body = message_shortcut("UGIVER", "give_kudos", {"ts": "1.2"})
    body["message"] = "x"
    return body


def _typeahead_value_as_a_number() -> dict:
    body = block_suggestion("UGIVER", "kudos_account", "Ac")
    body["value"] = 5
    return body


@pytest.mark.parametrize(
    "make_body",
    [
        lambda: (
            block_action("UGIVER", "pulse_comment", "3")
            | {"actions": [{"action_id": "pulse_comment", "block_id": "b", "value": ["3"]}]}
        ),
        _kudos_state_as_a_list,
        _kudos_message_as_a_number,
        _shortcut_message_as_text,
        _typeahead_value_as_a_number,
    ],
)
def test_signed_payloads_with_fields_of_the_wrong_type_are_400(client, fake_slack, make_employee, make_body):
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    response = post_signed(client, urlencode({"payload": json.dumps(make_body())}), FORM)
    assert response.status_code == 400


def test_signed_event_with_a_user_of_the_wrong_type_is_400(client):
    envelope = payload("app_mention") | {"event": {"type": "app_home_opened", "user": 5, "tab": "home"}}
    response = post_signed(client, json.dumps(envelope), "application/json")
    assert response.status_code == 400
    assert "not shaped as Slack sends them" in response.get_json()["error"]


def test_well_formed_requests_still_reach_the_app(client, fake_slack):
    assert slash_command(client, "/kudos", "", "U000001").status_code == 200
    stale = json.dumps(payload("app_mention"))
    old = post_signed(client, stale, "application/json", timestamp=int(time.time()) - 600)
    assert old.status_code == 401
