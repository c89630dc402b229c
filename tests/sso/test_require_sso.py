"""Requiring single sign-on turns password sign-in off, except for the break-glass admin."""

import pytest

from engage.extensions import db
from engage.models import Setting
from engage.sso.policy import REQUIRE_SSO
from engage.web.auth.views import PASSWORDS_OFF
from tests.conftest import PASSWORD
from tests.sso.conftest import sign_in_through, signed_in


def password_sign_in(app, email: str, password: str = PASSWORD):
    return app.test_client().post("/login", data={"email": email, "password": password})


@pytest.fixture
def break_glass(make_user):
    return make_user("admin", email="root@example.com")


@pytest.fixture
def sso_required(app, login, break_glass):
    admin = login(break_glass)
    saved = admin.post(
        "/admin/users/sign-in-policy", data={"require_sso": "y", "break_glass": break_glass.email}
    )
    assert saved.status_code == 302
    admin.post("/logout")
    return break_glass


def test_an_admin_requires_sso_from_the_users_page(app, login, break_glass):
    admin = login(break_glass)

    admin.post("/admin/users/sign-in-policy", data={"require_sso": "y", "break_glass": break_glass.email})
    page = admin.get("/admin/users").get_data(as_text=True)

    assert "Single sign-on is required: only root@example.com (break-glass) can still use a password." in page
    assert db.session.get(Setting, REQUIRE_SSO).value == "1"


def test_passwords_are_refused_once_sso_is_required_but_the_break_glass_admins(app, make_user, sso_required):
    hr = make_user("hr")

    refused = password_sign_in(app, hr.email)

    assert refused.status_code == 401 and PASSWORDS_OFF in refused.get_data(as_text=True)
    assert password_sign_in(app, sso_required.email).status_code == 302
    wrong = password_sign_in(app, sso_required.email, "wrong password!")
    assert wrong.status_code == 401 and PASSWORDS_OFF in wrong.get_data(as_text=True)


def test_sso_still_signs_in_when_it_is_required(app, client, provider, make_user, sso_required):
    make_user("hr", email="alice@example.com")
    provider.add_user("okta-alice", "alice@example.com")
    provider.next_user = "okta-alice"

    assert sign_in_through(client).status_code == 302 and signed_in(client)


def test_the_sign_in_page_puts_the_password_form_behind_break_glass(client, sso_required):
    page = client.get("/login").get_data(as_text=True)

    assert "Sign in with Okta" in page
    assert '<details id="break-glass"' in page and "only the break-glass administrator" in page


def test_the_break_glass_account_must_be_an_admin(app, login, break_glass, make_user):
    hr = make_user("hr")
    admin = login(break_glass)

    admin.post("/admin/users/sign-in-policy", data={"require_sso": "y", "break_glass": hr.email})

    assert db.session.get(Setting, REQUIRE_SSO) is None
    assert password_sign_in(app, hr.email).status_code == 302


def test_turning_it_off_gives_everyone_passwords_again(app, login, make_user, sso_required):
    hr = make_user("hr")
    admin = login(sso_required)

    admin.post("/admin/users/sign-in-policy", data={"break_glass": sso_required.email})

    assert password_sign_in(app, hr.email).status_code == 302


def test_the_command_line_turns_passwords_back_on_without_the_web(app, runner, make_user, sso_required):
    hr = make_user("hr")

    result = runner.invoke(args=["engage", "allow-passwords"])

    assert result.exit_code == 0 and "password sign-in is on for everyone" in result.output
    assert password_sign_in(app, hr.email).status_code == 302


def test_the_command_line_requires_sso_with_a_break_glass_admin(app, runner, break_glass, make_user):
    hr = make_user("hr")

    refused = runner.invoke(args=["engage", "require-sso", "--break-glass", hr.email])
    done = runner.invoke(args=["engage", "require-sso", "--break-glass", break_glass.email])

    assert refused.exit_code == 1 and "must be an active admin account" in refused.output
    assert done.exit_code == 0
    assert password_sign_in(app, hr.email).status_code == 401
    assert password_sign_in(app, break_glass.email).status_code == 302


def test_the_setup_checklist_shows_the_provider_and_the_break_glass_admin(provider, login, sso_required):
    page = login(sso_required).get("/admin/setup").get_data(as_text=True)

    assert f"Sign in with Okta ({provider.issuer})." in page
    assert "Single sign-on is required; root@example.com keeps a password (break-glass)." in page


def test_requiring_sso_ends_every_session_but_the_break_glass_admins(app, make_user, break_glass):
    hr = make_user("hr")
    hr_browser = app.test_client()
    assert hr_browser.post("/login", data={"email": hr.email, "password": PASSWORD}).status_code == 302
    admin = app.test_client()
    assert admin.post("/login", data={"email": break_glass.email, "password": PASSWORD}).status_code == 302
    assert signed_in(hr_browser) and signed_in(admin)

    saved = admin.post(
        "/admin/users/sign-in-policy", data={"require_sso": "y", "break_glass": break_glass.email}
    )

    assert saved.status_code == 302
    assert not signed_in(hr_browser)
    assert signed_in(admin)


def test_an_admin_signed_in_with_sso_stays_signed_in_after_requiring_it(
    app, client, provider, make_user, break_glass
):
    make_user("admin", email="alice@example.com")
    provider.add_user("okta-alice", "alice@example.com")
    provider.next_user = "okta-alice"
    assert sign_in_through(client).status_code == 302 and signed_in(client)

    saved = client.post(
        "/admin/users/sign-in-policy", data={"require_sso": "y", "break_glass": break_glass.email}
    )

    assert saved.status_code == 302 and signed_in(client)
    assert "Everyone else was signed out" in client.get("/admin/users").get_data(as_text=True)
