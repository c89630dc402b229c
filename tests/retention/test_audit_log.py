"""The audit log: admin actions land in it, admins read, filter and export it, nobody else sees it."""

import csv
import io
from datetime import datetime

import sqlalchemy as sa

from engage import audit
from engage.auth.tokens import create_token
from engage.extensions import db
from engage.models import AuditEvent, User
from tests.conftest import PASSWORD


def _actions() -> list[tuple]:
    rows = db.session.execute(sa.select(AuditEvent.actor_kind, AuditEvent.action, AuditEvent.target))
    return [tuple(row) for row in rows]


def test_web_admin_actions_are_logged_with_who_and_which_record(admin, client, make_team):
    make_team("Support")
    client.post(
        "/admin/users",
        data={"email": "new@example.com", "password": PASSWORD, "role": "hr", "employee_id": 0},
    )
    new_user = db.session.scalar(sa.select(User).where(User.email == "new@example.com"))
    client.post(f"/admin/users/{new_user.id}/deactivate")
    roster = io.BytesIO(b"email,name,team,manager_email\na@example.com,Ann,Support,\n")
    client.post("/people/import", data={"roster": (roster, "roster.csv")}, content_type="multipart/form-data")
    client.post("/kudos/admin/settings", data={"daily_allowance": 3})
    client.get("/kudos/export.csv")

    assert _actions() == [
        ("web", "user.create", f"user {new_user.id}"),
        ("web", "user.deactivate", f"user {new_user.id}"),
        ("web", "import.roster", "roster"),
        ("web", "settings.kudos", "kudos settings"),
        ("web", "export.kudos", "kudos wall"),
    ]
    assert {e.actor_id for e in db.session.scalars(sa.select(AuditEvent))} == {admin.id}


def test_a_refused_import_is_not_logged(admin, client):
    roster = io.BytesIO(b"email,name,team,manager_email\nnot-an-email,Ann,Support,\n")
    response = client.post(
        "/people/import", data={"roster": (roster, "roster.csv")}, content_type="multipart/form-data"
    )

    assert response.status_code == 400
    assert _actions() == []


def test_ratings_pushed_through_the_api_are_logged_under_the_token(app, client, make_team):
    team = make_team("Support")
    from engage.models import TeamMapping

    db.session.add(TeamMapping(source="desk", external_group="tier1", team_id=team.id))
    db.session.commit()
    token = create_token("hr", "help desk push")
    rating = {
        "source": "desk",
        "external_id": "1",
        "kind": "csat",
        "value": "5",
        "rated_at": "2026-03-02T10:00:00Z",
        "group": "tier1",
    }

    response = client.post(
        "/api/v1/ratings", json={"ratings": [rating]}, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 201, response.json
    event = db.session.scalar(sa.select(AuditEvent))
    assert (event.actor_kind, event.action, event.target) == ("api", "import.ratings", "API")
    page_name = audit.reading.audit_rows(audit.reading.AuditFilter())[0].actor
    assert page_name == f"API token #{event.actor_id} (help desk push)"


def test_cli_actions_are_logged_as_the_command_line(app, runner):
    result = runner.invoke(
        args=["engage", "create-admin", "--email", "boss@example.com", "--password", PASSWORD]
    )

    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.email == "boss@example.com"))
    assert _actions() == [("cli", "user.create", f"user {user.id}")]


def _log(action: str, at: datetime, actor="cli", target="t") -> None:
    event = audit.record(actor, action, target)
    event.at = at
    db.session.commit()


def test_admins_filter_the_log_by_action_and_dates(admin, client):
    _log("import.roster", datetime(2026, 3, 1, 9))
    _log("import.roster", datetime(2026, 3, 5, 23, 59))
    _log("settings.kudos", datetime(2026, 3, 3, 9))

    page = client.get("/admin/audit?action=import.roster&start=2026-03-02&end=2026-03-05").get_data(
        as_text=True
    )

    assert "2026-03-05 23:59:00" in page
    assert "2026-03-01 09:00:00" not in page and "2026-03-03 09:00:00" not in page


def test_the_log_names_a_deleted_account_only_by_its_id(admin, client, make_user):
    gone = make_user("admin", email="gone@example.com")
    _log("settings.kudos", datetime(2026, 3, 1), actor=gone)
    gone_id = gone.id
    db.session.delete(gone)
    db.session.commit()

    page = client.get("/admin/audit").get_data(as_text=True)

    assert f"user #{gone_id} (deleted)" in page and "gone@example.com" not in page


def test_the_csv_export_has_every_matching_event_and_is_itself_logged(admin, client):
    for day in range(1, 4):
        _log("import.roster", datetime(2026, 3, day, 9), target=f"=cmd|{day}")

    response = client.get("/admin/audit.csv?action=import.roster")

    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["at_utc", "actor", "action", "target", "detail"]
    assert [r[0] for r in rows[1:]] == [f"2026-03-0{d} 09:00:00" for d in (3, 2, 1)]
    assert rows[1][1:4] == ["command line", "import.roster", "'=cmd|3"]  # formula cells neutralised
    assert _actions()[-1] == ("web", "audit.export", "audit log")


def test_a_bad_date_filter_says_what_to_fix(admin, client):
    response = client.get("/admin/audit?start=03/01/2026")

    assert response.status_code == 400
    assert "From must be a date as YYYY-MM-DD" in response.get_data(as_text=True)


def test_only_admins_see_the_audit_log(make_user, login, client):
    login(make_user("hr"))
    assert client.get("/admin/audit").status_code == 403
    assert client.get("/admin/audit.csv").status_code == 403


def test_an_unknown_actor_is_refused():
    try:
        audit.record("someone", "x")
    except ValueError as exc:
        assert "unknown audit actor 'someone'" in str(exc)
    else:
        raise AssertionError("an unknown actor was logged")
