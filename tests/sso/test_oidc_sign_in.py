import sqlalchemy as sa

from engage.extensions import db
from engage.models import User
from tests.fake_oidc import s256
from tests.sso.conftest import callback_from, go_to_provider, query_of, sign_in_through, signed_in


def user_count() -> int:
    return db.session.execute(sa.select(sa.func.count()).select_from(User)).scalar_one()


def test_the_sign_in_page_offers_the_configured_provider(client):
    page = client.get("/login").get_data(as_text=True)

    assert "Sign in with Okta" in page and 'href="/login/sso/oidc"' in page
    assert "Or with your engage password" in page


def test_an_existing_account_is_signed_in_by_its_email(client, provider, make_user):
    make_user("admin", email="alice@example.com")
    provider.add_user("okta-alice", "Alice@Example.com")
    provider.next_user = "okta-alice"

    landed = client.get(callback_from(go_to_provider(client, next_page="/admin/users")))

    assert landed.status_code == 302 and landed.headers["Location"] == "/admin/users"
    assert "alice@example.com" in client.get("/admin/users").get_data(as_text=True)
    assert user_count() == 1


def test_the_request_carries_state_nonce_and_a_pkce_challenge_whose_verifier_is_sent(
    client, provider, make_user
):
    make_user("hr", email="alice@example.com")
    provider.add_user("okta-alice", "alice@example.com")
    provider.next_user = "okta-alice"

    authorization_url = go_to_provider(client)
    landed = client.get(callback_from(authorization_url))

    asked = query_of(authorization_url)
    assert asked["state"] and asked["nonce"] and asked["scope"] == "openid email profile"
    assert asked["code_challenge_method"] == "S256"
    assert landed.status_code == 302 and signed_in(client)
    verifier = provider.token_requests[-1]["code_verifier"]
    assert len(verifier) >= 43 and s256(verifier) == asked["code_challenge"]


def test_an_unknown_email_is_refused_and_no_account_is_created(client, provider, make_user):
    make_user("hr", email="alice@example.com")
    provider.add_user("okta-bob", "bob@example.com")
    provider.next_user = "okta-bob"

    refused = sign_in_through(client)

    assert refused.status_code == 401
    assert "No engage account uses bob@example.com" in refused.get_data(as_text=True)
    assert "Signing in does not create accounts" in refused.get_data(as_text=True)
    assert user_count() == 1
    assert not signed_in(client)


def test_a_deactivated_account_is_refused(client, provider, make_user):
    user = make_user("hr", email="alice@example.com")
    user.active = False
    db.session.commit()
    provider.add_user("okta-alice", "alice@example.com")
    provider.next_user = "okta-alice"

    refused = sign_in_through(client)

    assert refused.status_code == 401 and "is deactivated" in refused.get_data(as_text=True)


def test_an_email_the_provider_has_not_verified_is_refused(client, provider, make_user):
    make_user("hr", email="alice@example.com")
    provider.add_user("okta-alice", "alice@example.com", email_verified=False)
    provider.next_user = "okta-alice"

    refused = sign_in_through(client)

    assert refused.status_code == 401
    assert "has not verified alice@example.com" in refused.get_data(as_text=True)


def test_the_person_cancelling_at_the_provider_is_reported(client, provider):
    provider.next_user = None

    refused = sign_in_through(client)

    assert refused.status_code == 401
    assert "Okta did not sign you in (access_denied: The user cancelled the sign-in)" in refused.get_data(
        as_text=True
    )
