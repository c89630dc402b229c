"""Check Slack now: auth.test and its scopes, the kudos channel, and a finished set-up."""

import socket
from datetime import timedelta

import pytest

from engage.extensions import db
from engage.insights import rollups
from engage.kudos.settings import CHANNEL
from engage.models import Setting
from engage.models.base import utcnow
from engage.pulses.heartbeat import beat
from engage.slack.scopes import BOT_SCOPES
from tests.setup.helpers import add_question, add_rating, item_text, statuses


@pytest.fixture
def test_config(slack_config):
    return slack_config


@pytest.fixture
def admin(make_user, login):
    return login(make_user("admin"))


def set_kudos_channel(channel_id: str) -> None:
    db.session.add(Setting(key=CHANNEL, value=channel_id))
    db.session.commit()


def check_now(client):
    return client.post("/admin/setup/check-slack", follow_redirects=True)


def test_viewing_the_page_does_not_call_slack(admin, fake_slack):
    page = admin.get("/admin/setup")
    assert statuses(page.data)["slack"] == "warning"
    assert "not been checked" in item_text(page.data, "slack")
    assert fake_slack.calls == []


def test_check_now_reports_the_workspace_and_bot(admin, fake_slack):
    page = check_now(admin)

    assert [call.method for call in fake_slack.calls] == ["auth.test"]
    assert fake_slack.calls[0].headers["Authorization"] == "Bearer xoxb-test"
    assert statuses(page.data)["slack"] == "ok"
    assert "Connected to Fake Co as @engage" in item_text(page.data, "slack")
    assert statuses(admin.get("/admin/setup").data)["slack"] == "ok"  # kept, without asking again
    assert len(fake_slack.calls) == 1


def test_check_now_lists_a_missing_im_history_scope(admin, fake_slack):
    fake_slack.scopes = [scope for scope in BOT_SCOPES if scope != "im:history"]

    page = check_now(admin)

    assert statuses(page.data)["slack"] == "missing"
    text = item_text(page.data, "slack")
    assert "Missing bot scope im:history" in text and "reinstall" in text
    assert "Missing bot scope chat:write" not in text


def test_check_now_reports_invalid_auth_clearly(admin, fake_slack):
    fake_slack.auth_error = "invalid_auth"

    page = check_now(admin)

    assert b"Slack refused the check: invalid_auth." in page.data
    assert statuses(page.data)["slack"] == "missing"
    assert "Slack refused SLACK_BOT_TOKEN: invalid_auth" in item_text(page.data, "slack")
    assert "Bot User OAuth Token" in item_text(page.data, "slack")


def test_check_now_reports_a_network_failure(app, admin):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    app.config["SLACK_API_URL"] = f"http://127.0.0.1:{port}/api/"

    page = check_now(admin)

    assert page.status_code == 200
    assert b"Could not reach Slack" in page.data
    assert statuses(page.data)["slack"] == "missing"
    assert f"could not reach Slack at http://127.0.0.1:{port}/api/" in item_text(page.data, "slack")


def test_a_new_bot_token_needs_a_new_check(app, admin, fake_slack):
    check_now(admin)
    app.config["SLACK_BOT_TOKEN"] = "xoxb-another"
    assert statuses(admin.get("/admin/setup").data)["slack"] == "warning"


def test_a_private_kudos_channel_without_the_bot_is_missing(admin, fake_slack):
    fake_slack.channels["G0SECRET"] = {"name": "team-private", "is_private": True, "is_member": False}
    set_kudos_channel("G0SECRET")
    assert statuses(admin.get("/admin/setup").data)["kudos_channel"] == "warning"  # not checked yet

    page = check_now(admin)

    assert fake_slack.calls_to("conversations.info")[0].params["channel"] == "G0SECRET"
    assert statuses(page.data)["kudos_channel"] == "missing"
    assert "/invite @engage" in item_text(page.data, "kudos_channel")

    fake_slack.channels["G0SECRET"]["is_member"] = True
    page = check_now(admin)
    assert statuses(page.data)["kudos_channel"] == "ok"
    assert "#team-private: the bot is a member" in item_text(page.data, "kudos_channel")


def test_a_public_kudos_channel_needs_chat_write_public_or_the_bot_in_it(admin, fake_slack):
    fake_slack.channels["C0KUDOS"] = {"name": "kudos"}
    set_kudos_channel("C0KUDOS")
    assert statuses(check_now(admin).data)["kudos_channel"] == "ok"

    fake_slack.scopes = [scope for scope in BOT_SCOPES if scope != "chat:write.public"]
    page = check_now(admin)
    assert statuses(page.data)["kudos_channel"] == "missing"
    assert "not a member and may not post there" in item_text(page.data, "kudos_channel")


def test_a_kudos_channel_that_does_not_exist_is_missing(admin, fake_slack):
    set_kudos_channel("C0GONE99")
    page = check_now(admin)
    assert statuses(page.data)["kudos_channel"] == "missing"
    assert "cannot see channel C0GONE99" in item_text(page.data, "kudos_channel")


def test_after_set_up_everything_is_ok_and_the_nav_link_and_banner_go(
    admin, fake_slack, make_team, make_employee
):
    assert b"setup-banner" in admin.get("/dashboard/").data
    team = make_team("Support")
    make_employee(team)
    add_question()
    fake_slack.channels["C0KUDOS"] = {"name": "kudos"}
    set_kudos_channel("C0KUDOS")
    beat()
    add_rating("zendesk", "z1", team.id, utcnow() - timedelta(days=1))
    rollups.refresh(full=True)

    page = check_now(admin)

    assert set(statuses(page.data).values()) == {"ok"}, statuses(page.data)
    overview = admin.get("/dashboard/")
    assert b"setup-banner" not in overview.data
    assert b'href="/admin/setup"' not in overview.data
    assert admin.get("/admin/setup").status_code == 200  # still there for whoever knows the address


def test_check_now_needs_a_csrf_token(app, admin, fake_slack):
    app.config["WTF_CSRF_ENABLED"] = True
    assert admin.post("/admin/setup/check-slack").status_code == 400
    assert fake_slack.calls == []
