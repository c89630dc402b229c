"""Sign in with Slack: Slack's OpenID Connect, through the same code path as any provider."""

import pytest

from tests.fake_oidc import CLIENT_ID, CLIENT_SECRET, SLACK_TEAM_ID, FakeOidcProvider
from tests.sso.conftest import callback_from, go_to_provider, sign_in_through, signed_in


@pytest.fixture
def provider():
    with FakeOidcProvider(slack=True) as fake:
        yield fake


@pytest.fixture
def test_config(test_config, provider) -> dict:
    without_oidc = {key: "" for key in ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")}
    return (
        test_config
        | without_oidc
        | {
            "SLACK_SSO_ISSUER": provider.issuer,
            "SLACK_SSO_CLIENT_ID": CLIENT_ID,
            "SLACK_SSO_CLIENT_SECRET": CLIENT_SECRET,
            "SLACK_SSO_TEAM_ID": SLACK_TEAM_ID,
        }
    )


@pytest.fixture
def alice(provider, make_user):
    make_user("hr", email="alice@example.com")
    provider.add_user("U0ALICE", "alice@example.com")
    provider.next_user = "U0ALICE"


def test_the_sign_in_page_offers_slack_only(client):
    page = client.get("/login").get_data(as_text=True)

    assert "Sign in with Slack" in page and "/login/sso/oidc" not in page


def test_a_member_signs_in_with_slack_through_its_token_and_user_info_methods(client, provider, alice):
    provider.email_in_id_token = False  # so the email comes from openid.connect.userInfo

    landed = sign_in_through(client, "slack")

    assert landed.status_code == 302 and signed_in(client)
    token_request = provider.token_requests[-1]
    assert token_request["client_id"] == CLIENT_ID and token_request["client_secret"] == CLIENT_SECRET
    assert token_request["code_verifier"]


def test_slacks_refusal_of_the_code_is_reported(client, provider, alice):
    callback = callback_from(go_to_provider(client, "slack"))
    provider.grants.clear()  # the code expired at Slack

    refused = client.get(callback)

    assert refused.status_code == 401
    assert "Slack did not sign you in (invalid_code)" in refused.get_data(as_text=True)


def test_a_member_of_another_workspace_is_refused(client, provider, alice):
    provider.token_claims = {"https://slack.com/team_id": "T0OTHER"}

    refused = sign_in_through(client, "slack")

    assert refused.status_code == 401
    assert "another Slack workspace than engage" in refused.get_data(as_text=True)


def test_the_slack_token_is_checked_like_any_id_token(client, provider, alice):
    provider.token_claims = {"aud": "another-slack-app"}

    refused = sign_in_through(client, "slack")

    assert refused.status_code == 401 and "issued to another application" in refused.get_data(as_text=True)
