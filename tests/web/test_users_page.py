import sqlalchemy as sa

from engage.auth.tokens import authenticate, create_token
from engage.extensions import db
from engage.models import User
from tests.conftest import PASSWORD


def user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email))


def test_admin_creates_hr_and_manager_accounts(client, make_user, make_employee, login):
    login(make_user("admin"))
    lead = make_employee(name="Lena Lead")

    page = client.post(
        "/admin/users",
        data={"email": "Hr@Example.com", "password": "long-enough-too", "role": "hr", "employee_id": 0},
        follow_redirects=True,
    )
    assert b"Created hr account hr@example.com" in page.data

    refused = client.post(
        "/admin/users",
        data={"email": "m@example.com", "password": "long-enough-too", "role": "manager", "employee_id": 0},
    )
    assert refused.status_code == 400
    assert b"must be linked to their employee record" in refused.data
    assert user("m@example.com") is None

    client.post(
        "/admin/users",
        data={
            "email": "m@example.com",
            "password": "long-enough-too",
            "role": "manager",
            "employee_id": lead.id,
        },
    )
    assert user("m@example.com").employee_id == lead.id


def test_bad_user_input_is_explained(client, make_user, login):
    admin = make_user("admin")
    login(admin)

    short = client.post(
        "/admin/users", data={"email": "x@example.com", "password": "short", "role": "hr", "employee_id": 0}
    )
    assert short.status_code == 400 and b"at least 12 characters" in short.data
    taken = client.post(
        "/admin/users",
        data={"email": admin.email, "password": "long-enough-too", "role": "hr", "employee_id": 0},
    )
    assert taken.status_code == 400 and b"already exists" in taken.data


def test_deactivating_a_user_ends_their_session_and_revokes_their_tokens(app, make_user):
    admin_client, hr_client = app.test_client(), app.test_client()
    admin = make_user("admin")
    hr = make_user("hr")
    token = create_token("hr", "reports", hr)
    admin_client.post("/login", data={"email": admin.email, "password": PASSWORD})
    hr_client.post("/login", data={"email": hr.email, "password": PASSWORD})
    assert hr_client.get("/people").status_code == 200

    page = admin_client.post(f"/admin/users/{hr.id}/deactivate", follow_redirects=True)

    assert b"is now deactivated" in page.data
    assert hr_client.get("/people").status_code == 302
    assert authenticate(token) is None
    assert hr_client.post("/login", data={"email": hr.email, "password": PASSWORD}).status_code == 401

    admin_client.post(f"/admin/users/{hr.id}/activate")
    assert hr_client.post("/login", data={"email": hr.email, "password": PASSWORD}).status_code == 302


def test_an_admin_cannot_deactivate_themselves(client, make_user, login):
    admin = make_user("admin")
    login(admin)

    page = client.post(f"/admin/users/{admin.id}/deactivate", follow_redirects=True)

    assert b"cannot deactivate your own account" in page.data
    assert user(admin.email).active is True
