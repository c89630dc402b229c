"""A SCIM client: requests to /scim/v2 as an identity provider sends them, with a SCIM bearer token."""

import json

import pytest

from engage.scim.tokens import create_scim_token

SCIM_JSON = "application/scim+json"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"


class ScimClient:
    def __init__(self, client, token: str) -> None:
        self.client = client
        self.token = token

    def request(self, method: str, path: str, body: object = None, **params):
        headers = {"Authorization": f"Bearer {self.token}", "Accept": SCIM_JSON}
        data = None if body is None else (body if isinstance(body, str) else json.dumps(body))
        return self.client.open(
            "/scim/v2" + path,
            method=method,
            data=data,
            headers=headers,
            content_type=SCIM_JSON if data is not None else None,
            query_string=params or None,
        )

    def get(self, path: str, **params):
        return self.request("GET", path, **params)

    def post(self, path: str, body: object):
        return self.request("POST", path, body)

    def put(self, path: str, body: object):
        return self.request("PUT", path, body)

    def patch(self, path: str, *operations: dict):
        return self.request("PATCH", path, {"schemas": [PATCH_OP], "Operations": list(operations)})

    def delete(self, path: str):
        return self.request("DELETE", path)


@pytest.fixture
def scim(app, client) -> ScimClient:
    return ScimClient(client, create_scim_token("Okta"))


def scim_error(response, status: int, scim_type: str | None = None) -> str:
    """The error's detail, once the response is a SCIM error body with this status (and scimType)."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == SCIM_JSON
    body = response.get_json(force=True)
    assert body["schemas"] == [ERROR]
    assert body["status"] == str(status)
    assert body.get("scimType") == scim_type
    return body["detail"]


@pytest.fixture
def give_answer(app):
    """Store an answer the person gave while in `team` (the team it counts in, kept when they move)."""
    from datetime import date

    from engage.extensions import db
    from engage.models import PulseDelivery, PulseResponse, Question

    def give(person, team) -> PulseResponse:
        question = Question(driver="growth", text="I am learning and growing here.")
        delivery = PulseDelivery(
            employee=person, team_id=team.id, question=question, pulse_date=date(2026, 1, 5)
        )
        response = PulseResponse(
            delivery=delivery, employee_id=person.id, team_id=team.id, question=question, score=4
        )
        db.session.add(response)
        db.session.commit()
        return response

    return give
