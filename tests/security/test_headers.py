import pytest

from engage import config
from tests.conftest import PASSWORD

PATHS = ["/login", "/healthz", "/api/v1/teams", "/static/js/dashboard.js", "/nowhere"]


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers

    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_the_session_cookie_is_same_site_lax_and_http_only(client, make_user):
    hr = make_user("hr")
    cookie = client.post("/login", data={"email": hr.email, "password": PASSWORD}).headers["Set-Cookie"]

    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie
    assert "Secure" not in cookie


def test_secure_cookies_are_turned_on_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ENGAGE_SECURE_COOKIES", "true")
    assert config.from_environment(str(tmp_path))["SESSION_COOKIE_SECURE"] is True
    monkeypatch.setenv("ENGAGE_SECURE_COOKIES", "sometimes")
    with pytest.raises(RuntimeError, match="ENGAGE_SECURE_COOKIES must be true or false, got 'sometimes'"):
        config.from_environment(str(tmp_path))


def test_with_secure_cookies_the_session_cookie_is_secure(app, client, make_user):
    app.config["SESSION_COOKIE_SECURE"] = True
    hr = make_user("hr")
    response = client.post("/login", data={"email": hr.email, "password": PASSWORD},
                           base_url="https://engage.example")

    assert "Secure" in response.headers["Set-Cookie"]
