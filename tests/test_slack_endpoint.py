import json
import time

import pytest

from tests.slack_requests import payload, post_signed, signed_headers


@pytest.fixture
def test_config(slack_config):
    return slack_config


def test_unsigned_request_is_refused(client):
    body = json.dumps(payload("app_mention"))
    response = client.post("/slack/events", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 401


def test_stale_timestamp_is_refused(client):
    body = json.dumps(payload("app_mention"))
    response = post_signed(client, body, "application/json", timestamp=int(time.time()) - 600)
    assert response.status_code == 401


def test_wrong_secret_is_refused(client):
    body = json.dumps(payload("app_mention"))
    headers = signed_headers(body, "application/json", secret="not-the-secret")
    assert client.post("/slack/events", data=body, headers=headers).status_code == 401


def test_url_verification_challenge(client):
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"})
    response = post_signed(client, body, "application/json")
    assert response.status_code == 200
    assert response.get_json() == {"challenge": "abc123"}
