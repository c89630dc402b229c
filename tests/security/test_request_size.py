import io

import pytest

from engage import config
from engage.auth.tokens import create_token

MB = 1024 * 1024


def test_the_limit_is_five_mb_unless_configured(monkeypatch, tmp_path):
    monkeypatch.delenv("ENGAGE_MAX_UPLOAD_MB", raising=False)
    assert config.from_environment(str(tmp_path))["MAX_CONTENT_LENGTH"] == 5 * MB
    monkeypatch.setenv("ENGAGE_MAX_UPLOAD_MB", "20")
    assert config.from_environment(str(tmp_path))["MAX_CONTENT_LENGTH"] == 20 * MB


@pytest.fixture
def test_config(test_config, monkeypatch, tmp_path):
    monkeypatch.delenv("ENGAGE_MAX_UPLOAD_MB", raising=False)
    return test_config | {"MAX_CONTENT_LENGTH": config.from_environment(str(tmp_path))["MAX_CONTENT_LENGTH"]}


def test_a_json_body_over_the_limit_gets_413_in_json(client):
    headers = {"Authorization": f"Bearer {create_token('hr', 'help desk')}"}
    body = b'{"ratings": [' + b" " * (6 * MB) + b"]}"

    response = client.post("/api/v1/ratings", data=body, headers=headers, content_type="application/json")

    assert response.status_code == 413
    assert "larger than the 5 MB limit" in response.get_json()["error"]
    assert len(response.data) < 1000


def test_a_file_over_the_limit_gets_413_with_a_page_that_says_the_limit(client, make_user, login):
    login(make_user("hr"))
    roster = io.BytesIO(b"email,name,team,manager_email\n" + b"x@example.com,X,Support,\n" * (300_000))

    response = client.post(
        "/people/import", data={"roster": (roster, "roster.csv")}, content_type="multipart/form-data"
    )

    assert response.status_code == 413
    assert b"larger than the 5 MB limit" in response.data and b"ENGAGE_MAX_UPLOAD_MB" in response.data
    assert len(response.data) < 10_000


def test_a_body_under_the_limit_is_read(client):
    headers = {"Authorization": f"Bearer {create_token('hr', 'help desk')}"}
    response = client.post(
        "/api/v1/ratings",
        data=b'{"ratings": []}' + b" " * MB,
        headers=headers,
        content_type="application/json",
    )
    assert response.status_code == 422
