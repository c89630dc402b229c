"""The setup checklist without Slack: what an empty install shows, who may see it, the heartbeat."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.insights import rollups
from engage.models import Question
from engage.models.base import utcnow
from engage.pulses.heartbeat import beat
from tests.setup.helpers import add_question, add_rating, item_text, statuses


@pytest.fixture
def admin(make_user, login):
    return login(make_user("admin"))


@pytest.fixture
def no_questions(app):
    """An install with no pulse questions, whatever the migrations may install."""
    db.session.execute(sa.delete(Question))
    db.session.commit()


def test_an_empty_install_says_what_is_missing_and_how_to_fix_it(admin, no_questions):
    page = admin.get("/admin/setup")

    assert page.status_code == 200
    assert statuses(page.data) == {
        "slack": "missing",
        "roster": "missing",
        "questions": "missing",
        "kudos_channel": "warning",
        "scheduler": "missing",
        "rollups": "missing",
        "ratings": "warning",
        "secret_key": "ok",
        "sso": "ok",
    }
    assert "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET not set" in item_text(page.data, "slack")
    assert "flask --app wsgi engage import-roster roster.csv" in item_text(page.data, "roster")
    assert 'href="/admin/questions"' in page.data.decode()
    assert "flask --app wsgi engage scheduler" in item_text(page.data, "scheduler")
    assert "flask --app wsgi engage refresh-stats" in item_text(page.data, "rollups")
    assert "import-ratings" in item_text(page.data, "ratings")
    assert "posted in the public channel where /kudos was typed" in item_text(page.data, "kudos_channel")


def test_roster_counts_people_teams_and_people_not_linked_to_slack(admin, make_team, make_employee):
    team = make_team("Support")
    make_employee(team)
    make_employee(team, slack_user_id=None)
    make_employee(team, slack_user_id=None, active=False)

    page = admin.get("/admin/setup")

    assert statuses(page.data)["roster"] == "warning"
    text = item_text(page.data, "roster")
    assert "2 active people in 1 teams; 1 not linked to Slack" in text
    assert "flask --app wsgi engage sync-users" in text


def test_the_heartbeat_goes_stale_after_five_minutes(admin):
    beat(utcnow() - timedelta(minutes=4, seconds=50))
    assert statuses(admin.get("/admin/setup").data)["scheduler"] == "ok"

    beat(utcnow() - timedelta(minutes=5, seconds=10))
    page = admin.get("/admin/setup")
    assert statuses(page.data)["scheduler"] == "warning"
    assert "stopped or is stuck" in item_text(page.data, "scheduler")


def test_rollups_show_when_they_last_ran(admin):
    rollups.refresh(full=True)
    page = admin.get("/admin/setup")
    assert statuses(page.data)["rollups"] == "ok"
    assert "Last refresh" in item_text(page.data, "rollups")


def test_each_ratings_source_shows_its_count_and_last_import(admin, make_team):
    team = make_team("Support")
    add_rating("zendesk", "z1", team.id, utcnow() - timedelta(days=3))
    add_rating("zendesk", "z2", team.id, utcnow() - timedelta(days=2))
    add_rating("intercom", "i1", team.id, utcnow() - timedelta(days=1))

    page = admin.get("/admin/setup")

    assert statuses(page.data)["ratings"] == "ok"
    text = item_text(page.data, "ratings")
    assert "intercom: 1 ratings, last imported" in text and "zendesk: 2 ratings, last imported" in text


@pytest.mark.parametrize("source, status", [("environment", "ok"), ("instance_file", "warning")])
def test_a_generated_secret_key_is_a_warning(app, admin, source, status):
    app.config["SECRET_KEY_SOURCE"] = source
    page = admin.get("/admin/setup")
    assert statuses(page.data)["secret_key"] == status
    if status == "warning":
        assert "survive restarts on this host only" in item_text(page.data, "secret_key")


@pytest.mark.parametrize("role", ["hr", "manager"])
def test_only_admins_see_the_checklist(client, make_user, login, role):
    login(make_user(role))
    assert client.get("/admin/setup").status_code == 403
    assert client.post("/admin/setup/check-slack").status_code == 403
    assert b'href="/admin/setup"' not in client.get("/dashboard/").data
    assert b"setup-banner" not in client.get("/dashboard/").data


def test_nav_link_and_dashboard_banner_show_while_something_is_missing(admin, no_questions):
    overview = admin.get("/dashboard/")
    assert b'href="/admin/setup"' in overview.data
    assert b"setup-banner" in overview.data
    assert b'href="/admin/setup"' in admin.get("/admin/users").data


def test_questions_count_active_ones_only(admin, no_questions):
    add_question()
    retired = add_question()
    retired.retired_at = utcnow()
    db.session.commit()
    page = admin.get("/admin/setup")
    assert statuses(page.data)["questions"] == "ok"
    assert "1 active pulse questions" in item_text(page.data, "questions")
