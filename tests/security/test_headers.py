import pytest

from engage import create_app
from engage.extensions import db
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


def test_secure_cookies_are_turned_on_from_the_environment(monkeypatch, test_config):
    monkeypatch.setenv("ENGAGE_SECURE_COOKIES", "true")
    app = create_app(test_config | {"WTF_CSRF_ENABLED": True})
    try:
        cookie = app.test_client().get("/login", base_url="https://engage.example").headers["Set-Cookie"]
    finally:
        with app.app_context():
            db.engine.dispose()

    assert "Secure" in cookie and "SameSite=Lax" in cookie
    monkeypatch.setenv("ENGAGE_SECURE_COOKIES", "sometimes")
    with pytest.raises(RuntimeError, match="ENGAGE_SECURE_COOKIES must be true or false, got 'sometimes'"):
        create_app(test_config)
