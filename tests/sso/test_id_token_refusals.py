"""An ID token not for engage, not from the issuer, not this sign-in's, too old or forged: refused."""

import time

import pytest

from tests.sso.conftest import sign_in_through, signed_in


@pytest.fixture
def alice(provider, make_user):
    make_user("hr", email="alice@example.com")
    provider.add_user("okta-alice", "alice@example.com")
    provider.next_user = "okta-alice"


def refusal(client) -> str:
    response = sign_in_through(client)
    assert response.status_code == 401
    assert not signed_in(client), "refused, yet signed in"
    return response.get_data(as_text=True)


def test_a_token_for_another_audience_is_refused(client, provider, alice):
    provider.token_claims = {"aud": "some-other-app"}

    assert "was issued to another application" in refusal(client)


def test_a_token_for_another_audience_is_refused_even_when_it_names_engage_as_authorised_party(
    client, provider, alice
):
    provider.token_claims = {"aud": "some-other-app", "azp": "engage-client-id"}

    assert "was issued to another application" in refusal(client)


def test_an_expired_token_is_refused(client, provider, alice):
    now = int(time.time())
    provider.token_claims = {"iat": now - 3600, "exp": now - 600}

    assert "The ID token from Okta has expired" in refusal(client)


def test_a_token_signed_with_another_key_is_refused(client, provider, alice):
    provider.sign_with_another_key()

    assert "could not be verified with its published keys (bad_signature)" in refusal(client)


def test_a_token_from_another_issuer_is_refused(client, provider, alice):
    provider.token_claims = {"iss": "https://attacker.example"}

    assert f"was not issued by {provider.issuer}, the configured issuer" in refusal(client)


def test_a_token_with_another_nonce_is_refused(client, provider, alice):
    provider.token_claims = {"nonce": "not-this-sign-ins"}

    assert "its nonce does not match" in refusal(client)


def test_a_token_without_the_nonce_is_refused(client, provider, alice):
    provider.token_claims = {"nonce": None}

    assert "its nonce does not match" in refusal(client)


def test_a_discovery_document_naming_another_issuer_is_refused_before_leaving_engage(client, provider, alice):
    provider.discovery_issuer = "https://attacker.example"

    refused = client.get("/login/sso/oidc")

    assert refused.status_code == 401
    expected = f"names the issuer https://attacker.example, not the configured {provider.issuer}"
    assert expected in refused.get_data(as_text=True)
    assert provider.authorize_requests == []


def test_an_unreachable_provider_is_reported(client, provider, alice):
    provider.__exit__()

    refused = client.get("/login/sso/oidc")

    assert refused.status_code == 401
    assert f"Could not reach Okta at {provider.issuer}" in refused.get_data(as_text=True)
