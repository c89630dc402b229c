import io

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee

ROSTER = (
    "email,name,team,manager_email,slack_user_id,timezone\n"
    "ana@example.com,Ana Lima,Customer Support,,U0ANA,Europe/London\n"
    "ben@example.com,Ben Okafor,Customer Support / Support EMEA,ana@example.com,,Asia/Kolkata\n"
)


def upload(client, data: bytes):
    return client.post(
        "/people/import",
        data={"roster": (io.BytesIO(data), "roster.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def count_people() -> int:
    return db.session.execute(sa.select(sa.func.count()).select_from(Employee)).scalar_one()


def test_hr_uploads_the_roster_and_sees_people_and_teams(client, make_user, login):
    login(make_user("hr"))
    page = upload(client, ROSTER.encode())

    assert page.status_code == 200
    assert b"Roster imported: 2 created" in page.data
    assert b"Customer Support / Support EMEA" in page.data
    assert b"Ben Okafor" in page.data and b"Asia/Kolkata" in page.data
    assert b"not linked" in page.data
    assert count_people() == 2


def test_a_bad_roster_lists_its_lines_and_changes_nothing(client, make_user, login):
    login(make_user("admin"))
    upload(client, ROSTER.encode())
    bad = ROSTER.replace("Ben Okafor", "").replace("Europe/London", "Europe/Lundon") + "eve@,Eve,Sales,,,\n"
    page = upload(client, bad.encode())

    assert page.status_code == 400
    assert b"The roster was not imported" in page.data
    assert b"Line 2: timezone &#39;Europe/Lundon&#39; is not an IANA time zone" in page.data
    assert b"Line 3: the name is empty" in page.data
    assert b"Line 4: email &#39;eve@&#39; is not valid" in page.data
    ben = db.session.scalar(sa.select(Employee).where(Employee.email == "ben@example.com"))
    assert ben.name == "Ben Okafor"
    assert count_people() == 2


def test_upload_without_a_file_says_what_to_do(client, make_user, login):
    login(make_user("hr"))
    page = client.post("/people/import", data={}, content_type="multipart/form-data")

    assert page.status_code == 400
    assert b"Choose the roster CSV file to upload." in page.data


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("manager", "/people", 403),
        ("manager", "/admin/users", 403),
        ("manager", "/admin/questions", 403),
        ("hr", "/admin/users", 403),
        ("hr", "/admin/questions", 403),
        ("hr", "/people", 200),
        ("manager", "/teams", 200),
    ],
)
def test_pages_enforce_roles(client, make_user, make_employee, login, role, path, status):
    login(make_user(role, employee=make_employee() if role == "manager" else None))

    assert client.get(path).status_code == status


def test_a_manager_cannot_upload_a_roster(client, make_user, make_employee, login):
    login(make_user("manager", employee=make_employee()))

    assert upload(client, ROSTER.encode()).status_code == 403
    assert count_people() == 1


def test_admin_pages_need_sign_in(client):
    for path in ("/people", "/teams", "/admin/users", "/admin/questions"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


def test_a_manager_sees_only_the_teams_under_them(client, make_team, make_employee, make_user, login):
    support = make_team("Customer Support")
    emea = make_team("Support EMEA", parent=support)
    apac = make_team("Support APAC", parent=support)
    make_team("Sales")
    head = make_employee(team=support)
    lead = make_employee(team=emea, manager=head)
    make_employee(team=emea, manager=lead)
    make_employee(team=apac)
    login(make_user("manager", employee=head))

    page = client.get("/teams").data.decode()

    assert "Customer Support / Support EMEA" in page
    assert "Support APAC" not in page
    assert "Sales" not in page


def test_hr_sees_every_team(client, make_team, make_user, login):
    make_team("Sales")
    make_team("Billing")
    login(make_user("hr"))

    page = client.get("/teams").data

    assert b"Sales" in page and b"Billing" in page
