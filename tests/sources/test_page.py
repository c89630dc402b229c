"""Ratings > Sources and the setup checklist: add, wrong token, failures shown, token never shown back."""

import logging

import sqlalchemy as sa

from engage.extensions import db
from engage.models import RatingSource
from tests.fake_zendesk import EMAIL, TOKEN
from tests.sources.conftest import refreshed


def _add(client, zendesk_url: str, token: str = TOKEN, **fields):
    form = {
        "kind": "zendesk",
        "name": "zendesk",
        "base_url": zendesk_url,
        "token": token,
        "email": EMAIL,
        "since": "2026-01-01",
    }
    return client.post("/ratings/sources", data=form | fields)


def test_adding_with_a_wrong_token_says_so_and_saves_nothing(login, make_user, zendesk):
    client = login(make_user("hr"))
    response = _add(client, zendesk.url, token="wrong-token-123456")
    assert response.status_code == 422
    assert b"the help desk refused the credentials (HTTP 401): check the API token" in response.data
    assert b"wrong-token-123456" not in response.data
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RatingSource)) == 0


def test_adding_an_address_where_nothing_answers_says_so(login, make_user):
    client = login(make_user("admin"))
    response = _add(client, "http://127.0.0.1:9")
    assert response.status_code == 422
    assert b"cannot reach http://127.0.0.1:9: check the address" in response.data


def test_adding_an_address_that_is_not_zendesk_says_so(login, make_user, zendesk):
    client = login(make_user("admin"))
    response = _add(client, zendesk.url + "/elsewhere")
    assert response.status_code == 422
    assert b"was not found (HTTP 404): check the address" in response.data


def test_the_token_is_stored_encrypted_and_never_shown_or_logged(login, make_user, zendesk, caplog):
    caplog.set_level(logging.DEBUG)
    client = login(make_user("admin"))
    assert _add(client, zendesk.url).status_code == 302
    source = db.session.scalar(sa.select(RatingSource))
    assert TOKEN not in source.token_encrypted
    pages = [
        client.get("/ratings/sources"),
        client.get(f"/ratings/sources/{source.id}"),
        client.post(f"/ratings/sources/{source.id}/pull", follow_redirects=True),
        client.get("/admin/setup"),
    ]
    for page in pages:
        assert page.status_code == 200
        assert TOKEN.encode() not in page.data and TOKEN[:-4].encode() not in page.data
    assert b"token set" in pages[0].data and TOKEN[-4:].encode() in pages[0].data
    assert TOKEN not in caplog.text


def test_a_revoked_token_shows_on_the_page_and_the_checklist_not_as_a_500(
    login, make_user, zendesk, add_zendesk
):
    source = add_zendesk()
    zendesk.token = "revoked"
    client = login(make_user("admin"))

    response = client.post(f"/ratings/sources/{source.id}/pull", follow_redirects=True)

    assert response.status_code == 200
    assert b"the help desk refused the credentials (HTTP 401)" in response.data
    assert b'data-failing="yes"' in response.data
    setup = client.get("/admin/setup").data.decode()
    assert f'id="setup-source-{source.id}" data-status="warning"' in setup
    assert "Last error" in setup and "refused the credentials" in setup


def test_a_new_token_is_checked_then_saved(login, make_user, zendesk, add_zendesk):
    source = add_zendesk()
    client = login(make_user("admin"))
    refused = client.post(
        f"/ratings/sources/{source.id}", data={"token-token": "not-it-at-all-0000", "token-submit": "1"}
    )
    assert refused.status_code == 422 and b"Token not saved" in refused.data
    zendesk.token = "the-new-token-abcd1234"
    saved = client.post(
        f"/ratings/sources/{source.id}", data={"token-token": "the-new-token-abcd1234", "token-submit": "1"}
    )
    assert saved.status_code == 302
    assert refreshed(source).token_hint == "1234"


def test_pause_resume_and_delete(login, make_user, add_zendesk):
    source = add_zendesk()
    client = login(make_user("hr"))
    client.post(f"/ratings/sources/{source.id}/pause")
    assert refreshed(source).paused
    client.post(f"/ratings/sources/{source.id}/pause")
    assert not refreshed(source).paused
    client.post(f"/ratings/sources/{source.id}/delete")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RatingSource)) == 0


def test_managers_may_not_see_sources(login, make_user):
    assert login(make_user("manager")).get("/ratings/sources").status_code == 403


def test_the_mappings_page_lists_the_help_desk_groups_not_mapped(
    login, make_user, make_team, zendesk, add_zendesk
):
    make_team("Support")
    zendesk.groups = {1: "Tier 1", 2: "Escalations"}
    source = add_zendesk()
    client = login(make_user("hr"))
    client.post(f"/ratings/sources/{source.id}/pull")
    page = client.get("/ratings/mappings").data.decode()
    assert '<option value="Escalations">' in page and "<strong>zendesk</strong>: Escalations, Tier 1" in page
