"""The provider's answer counts once, in the browser that asked for it."""

import pytest

from tests.sso.conftest import callback_from, go_to_provider, query_of, signed_in

STATE_REFUSED = "does not match a sign-in started in this browser, or was already used (state mismatch)"


@pytest.fixture
def alice(provider, make_user):
    make_user("hr", email="alice@example.com")
    provider.add_user("okta-alice", "alice@example.com")
    provider.next_user = "okta-alice"


def test_a_replayed_answer_is_refused(client, alice):
    callback = callback_from(go_to_provider(client))
    assert client.get(callback).status_code == 302
    client.post("/logout")

    replayed = client.get(callback)

    assert replayed.status_code == 401 and STATE_REFUSED in replayed.get_data(as_text=True)
    assert not signed_in(client)


def test_an_answer_with_another_state_is_refused_and_its_code_never_sent(client, provider, alice):
    callback = callback_from(go_to_provider(client))
    state = query_of(callback)["state"]

    refused = client.get(callback.replace(f"state={state}", "state=forged"))

    assert refused.status_code == 401 and STATE_REFUSED in refused.get_data(as_text=True)
    assert provider.token_requests == []


def test_an_answer_brought_to_another_browser_is_refused(app, client, alice):
    callback = callback_from(go_to_provider(client))

    other_browser = app.test_client()
    refused = other_browser.get(callback)

    assert refused.status_code == 401 and STATE_REFUSED in refused.get_data(as_text=True)
    assert not signed_in(other_browser)


def test_an_answer_replayed_with_the_old_session_cookie_is_refused_by_the_single_use_code(client, alice):
    callback = callback_from(go_to_provider(client))
    cookie_before = client.get_cookie("session").value
    assert client.get(callback).status_code == 302
    client.post("/logout")
    client.set_cookie("session", cookie_before)

    replayed = client.get(callback)

    assert replayed.status_code == 401
    assert "Okta did not sign you in (invalid_grant: unknown or used code)" in replayed.get_data(as_text=True)
