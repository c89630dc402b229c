from datetime import datetime

import pytest

from engage.auth.tokens import create_token
from engage.csat.openapi import RATINGS_OPENAPI_PATHS
from engage.csat.rows import FIELDS


@pytest.fixture
def bearer(app):
    def make(role: str = "hr", user=None) -> dict:
        return {"Authorization": f"Bearer {create_token(role, 'test', user)}"}

    return make


def _rating(**fields) -> dict:
    return {
        "source": "intercom",
        "external_id": "c-1",
        "rated_at": "2026-03-02T09:00:00+02:00",
        "kind": "csat",
        "value": 4,
        "team": "Support",
    } | fields


def test_ratings_are_created_then_unchanged_then_updated(client, make_team, bearer, ratings):
    make_team("Support")
    headers = bearer("hr")
    body = {
        "ratings": [
            _rating(),
            _rating(external_id="z-1", source="zendesk", value="bad", scale="good_bad"),
            _rating(external_id="n-1", kind="nps", value=10),
        ]
    }
    response = client.post("/api/v1/ratings", json=body, headers=headers)
    assert response.status_code == 201
    assert response.get_json() == {"created": 3, "updated": 0, "unchanged": 0, "skipped": 0}
    stored = ratings()
    assert stored[("intercom", "c-1")].rated_at == datetime(2026, 3, 2, 7, 0)
    assert (stored[("zendesk", "z-1")].score, stored[("intercom", "n-1")].score) == (0.0, 100.0)
    again = client.post("/api/v1/ratings", json=body, headers=headers)
    assert again.get_json() == {"created": 0, "updated": 0, "unchanged": 3, "skipped": 0}
    body["ratings"][0]["value"] = 1
    changed = client.post("/api/v1/ratings", json=body, headers=headers)
    assert changed.get_json() == {"created": 0, "updated": 1, "unchanged": 2, "skipped": 0}
    assert ratings()[("intercom", "c-1")].score == 0.0


def test_invalid_ratings_get_422_with_index_and_field(client, make_team, bearer, ratings):
    make_team("Support")
    body = {
        "ratings": [
            _rating(),
            _rating(external_id="c-2", value=6),
            "nope",
            _rating(external_id="c-4", colour="red"),
            _rating(external_id="c-5", rated_at=17),
            _rating(external_id="c-1"),
        ]
    }
    response = client.post("/api/v1/ratings", json=body, headers=bearer("admin"))
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert [(e["index"], e["field"]) for e in errors] == [
        (1, "value"),
        (2, "ratings"),
        (3, "colour"),
        (4, "rated_at"),
        (5, "external_id"),
    ]
    assert "is already on index 0" in errors[-1]["message"]
    assert response.get_json()["total_errors"] == 5
    assert ratings() == {}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"rating": []}, "at least one rating"),
        ({"ratings": []}, "at least one rating"),
        ([1, 2], "at least one rating"),
    ],
)
def test_wrong_body_shape_is_422(client, bearer, body, message):
    response = client.post("/api/v1/ratings", json=body, headers=bearer())
    assert response.status_code == 422
    assert message in response.get_json()["errors"][0]["message"]


def test_non_json_is_400(client, bearer):
    response = client.post(
        "/api/v1/ratings", data="source=x", headers=bearer(), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "send a JSON body" in response.get_json()["error"]


def test_auth_is_required_and_roles_enforced(client, bearer, make_user, make_employee):
    assert client.post("/api/v1/ratings", json={"ratings": [_rating()]}).status_code == 401
    bad = client.post(
        "/api/v1/ratings", json={"ratings": [_rating()]}, headers={"Authorization": "Bearer eng_wrong"}
    )
    assert bad.status_code == 401
    manager = make_user("manager", employee=make_employee())
    refused = client.post(
        "/api/v1/ratings", json={"ratings": [_rating()]}, headers=bearer("manager", manager)
    )
    assert refused.status_code == 403


def test_openapi_paths_describe_the_real_route(app):
    rules = {r.rule: r.methods for r in app.url_map.iter_rules()}
    for path, operations in RATINGS_OPENAPI_PATHS.items():
        assert path in rules
        assert {m.upper() for m in operations} <= rules[path]
    schema = RATINGS_OPENAPI_PATHS["/api/v1/ratings"]["post"]["requestBody"]["content"]["application/json"]
    fields = set(schema["schema"]["properties"]["ratings"]["items"]["properties"])
    assert fields == set(FIELDS)
