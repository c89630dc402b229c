import re

import pytest

from engage.auth.tokens import create_token
from tests.conftest import PASSWORD

RATING = {
    "source": "intercom",
    "external_id": "c-1",
    "rated_at": "2026-03-02T09:00:00+02:00",
    "kind": "csat",
    "value": 4,
    "team": "Support",
}


@pytest.fixture
def test_config(test_config):
    return test_config | {"WTF_CSRF_ENABLED": True}


def page_csrf_token(client, path: str) -> str:
    page = client.get(path).data
    found = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert found, f"{path} has no CSRF token"
    return found.group(1).decode()


@pytest.fixture
def signed_in(client, make_user, make_team):
    make_team("Support")
    hr = make_user("hr")
    token = page_csrf_token(client, "/login")
    client.post("/login", data={"email": hr.email, "password": PASSWORD, "csrf_token": token})
    return client


def test_a_session_cannot_post_ratings_without_the_csrf_token(signed_in):
    response = signed_in.post("/api/v1/ratings", json={"ratings": [RATING]})

    assert response.status_code == 403
    assert "X-CSRFToken" in response.get_json()["error"]
    assert signed_in.get("/api/v1/teams").status_code == 200


def test_a_session_posts_ratings_with_the_csrf_token_in_the_header(signed_in):
    token = page_csrf_token(signed_in, "/people")
    forged = signed_in.post("/api/v1/ratings", json={"ratings": [RATING]}, headers={"X-CSRFToken": "forged"})
    assert forged.status_code == 403

    response = signed_in.post("/api/v1/ratings", json={"ratings": [RATING]}, headers={"X-CSRFToken": token})

    assert response.status_code == 201 and response.get_json()["created"] == 1


def test_a_bearer_token_needs_no_csrf_token(client, make_team):
    make_team("Support")
    headers = {"Authorization": f"Bearer {create_token('hr', 'help desk')}"}

    response = client.post("/api/v1/ratings", json={"ratings": [RATING]}, headers=headers)

    assert response.status_code == 201
