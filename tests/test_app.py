import pytest

from engage import create_app
from engage.config import from_environment, normalise_database_url


def test_health(client):
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


def test_health_is_503_when_the_database_is_down(test_config):
    app = create_app(test_config | {"SQLALCHEMY_DATABASE_URI": "postgresql://nobody@127.0.0.1:9/none"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}


def test_pages_need_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_sign_in_and_out(client, make_user, login):
    user = make_user("admin")
    login(user)
    page = client.get("/", follow_redirects=True)
    assert user.email.encode() in page.data
    assert b"Slack is not connected" in page.data
    client.post("/logout")
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused(client, make_user):
    user = make_user("hr")
    response = client.post("/login", data={"email": user.email, "password": "nope-nope"})
    assert response.status_code == 401
    assert b"Wrong email or password" in response.data


def test_slack_endpoint_says_not_connected(client):
    response = client.post("/slack/events", data="{}")
    assert response.status_code == 503
    assert "Slack is not connected" in response.get_json()["error"]


def test_postgres_urls_use_psycopg3():
    assert normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("sqlite:///x") == "sqlite:///x"


def test_app_starts_without_reaching_slack(test_config):
    app = create_app(
        test_config
        | {
            "SLACK_BOT_TOKEN": "xoxb-x",
            "SLACK_SIGNING_SECRET": "s",
            "SLACK_API_URL": "http://127.0.0.1:9/api/",
        }
    )
    assert "engage.bolt_app" in app.extensions


def test_pulse_days_are_read_from_the_environment_and_a_typo_says_what_to_set(monkeypatch, tmp_path):
    assert from_environment(str(tmp_path))["PULSE_WEEKDAYS"] == (0, 1, 2, 3, 4)
    monkeypatch.setenv("ENGAGE_PULSE_DAYS", "Sun, mon,tue")
    assert from_environment(str(tmp_path))["PULSE_WEEKDAYS"] == (0, 1, 6)
    monkeypatch.setenv("ENGAGE_PULSE_DAYS", "mon,funday")
    with pytest.raises(RuntimeError, match="ENGAGE_PULSE_DAYS must list days such as mon,tue"):
        from_environment(str(tmp_path))
