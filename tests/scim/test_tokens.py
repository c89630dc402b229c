"""SCIM tokens are their own kind: only for /scim/v2, made by an admin on a page or the CLI, shown once."""

import hashlib

import sqlalchemy as sa

from engage.auth.tokens import create_token
from engage.extensions import db
from engage.models import ScimToken
from engage.scim.tokens import create_scim_token
from tests.scim.conftest import scim_error


def test_without_a_token_scim_answers_401_with_a_scim_error(client):
    response = client.get("/scim/v2/Users")

    assert "Authorization: Bearer" in scim_error(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_api_token_does_not_work_on_scim(app, client):
    api_token = create_token("admin", "bi")

    response = client.get("/scim/v2/Users", headers={"Authorization": f"Bearer {api_token}"})

    assert "API tokens do not work here" in scim_error(response, 401)


def test_a_scim_token_does_not_work_on_the_api(app, client):
    token = create_scim_token("Okta")

    response = client.get("/api/v1/teams", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401


def test_a_revoked_scim_token_stops_working(scim, runner):
    assert scim.get("/Users").status_code == 200

    result = runner.invoke(args=["engage", "revoke-scim-token", "--name", "Okta"])

    assert result.exit_code == 0, result.output
    scim_error(scim.get("/Users"), 401)


def test_the_cli_prints_a_token_once_and_stores_only_its_hash(app, runner, client):
    result = runner.invoke(args=["engage", "create-scim-token", "--name", "Entra ID"])

    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    stored = db.session.scalar(sa.select(ScimToken))
    assert stored.name == "Entra ID"
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert client.get("/scim/v2/Users", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_an_admin_creates_a_token_on_the_page_and_sees_it_only_once(make_user, login):
    client = login(make_user("admin"))

    created = client.post("/admin/scim", data={"name": "Okta"})

    assert created.status_code == 201
    assert created.headers["Cache-Control"] == "no-store"
    page = created.get_data(as_text=True)
    token = page.split("<code>scim_")[1].split("</code>")[0]
    assert (
        db.session.scalar(sa.select(ScimToken.token_hash))
        == hashlib.sha256(f"scim_{token}".encode()).hexdigest()
    )
    later = client.get("/admin/scim").get_data(as_text=True)
    assert "Okta" in later and token not in later


def test_an_admin_revokes_a_token_on_the_page(make_user, login):
    client = login(make_user("admin"))
    token = create_scim_token("Okta")
    token_id = db.session.scalar(sa.select(ScimToken.id))

    assert client.post(f"/admin/scim/{token_id}/revoke").status_code == 302

    assert client.get("/scim/v2/Users", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_a_token_needs_a_name(make_user, login):
    client = login(make_user("admin"))

    response = client.post("/admin/scim", data={"name": ""})

    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ScimToken)) == 0


def test_only_admins_reach_the_scim_page(make_user, login):
    assert login(make_user("hr")).get("/admin/scim").status_code == 403
