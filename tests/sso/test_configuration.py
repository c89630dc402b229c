import pytest

from engage import create_app


@pytest.fixture
def test_config(test_config) -> dict:
    return {key: value for key, value in test_config.items() if not key.startswith(("OIDC_", "SLACK_SSO_"))}


def test_a_half_configured_provider_stops_engage_and_names_what_is_missing(test_config):
    with pytest.raises(RuntimeError) as error:
        create_app(test_config | {"OIDC_ISSUER": "https://acme.okta.com", "OIDC_CLIENT_ID": "engage"})

    assert "ENGAGE_OIDC_CLIENT_SECRET not set" in str(error.value)


def test_slack_without_its_secret_stops_engage(test_config):
    with pytest.raises(RuntimeError) as error:
        create_app(test_config | {"SLACK_SSO_CLIENT_ID": "123.456"})

    assert "Sign in with Slack is half configured: ENGAGE_SLACK_CLIENT_SECRET not set" in str(error.value)


def test_scopes_without_openid_are_refused(test_config):
    configured = {"OIDC_ISSUER": "https://x.example", "OIDC_CLIENT_ID": "a", "OIDC_CLIENT_SECRET": "b"}
    with pytest.raises(RuntimeError, match="ENGAGE_OIDC_SCOPES must include openid"):
        create_app(test_config | configured | {"OIDC_SCOPES": "email profile"})


def test_without_a_provider_the_sign_in_page_has_passwords_only_and_requiring_sso_is_refused(
    app, client, login, make_user
):
    user = make_user("admin")
    admin = login(user)

    refused = admin.post("/admin/users/sign-in-policy", data={"require_sso": "y", "break_glass": user.email})

    assert "Sign in with" not in app.test_client().get("/login").get_data(as_text=True)
    assert app.test_client().get("/login/sso/oidc").status_code == 404
    assert refused.status_code == 302
    assert "No single sign-on provider is configured: set ENGAGE_SLACK_CLIENT_ID" in admin.get(
        "/admin/users"
    ).get_data(as_text=True)
