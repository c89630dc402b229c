import pytest

from engage.auth.passwords import password_problem
from engage.demo.company import DEMO_PASSWORD


@pytest.mark.parametrize("password", ["12345678", "password", "short-pass1"])
def test_create_admin_refuses_passwords_under_twelve_characters(runner, password):
    result = runner.invoke(
        args=["engage", "create-admin", "--email", "a@example.com", "--password", password]
    )
    assert result.exit_code != 0 and "at least 12 characters" in result.output


@pytest.mark.parametrize("password", ["password1234", "PasswordPassword", "123456789012", "aaaaaaaaaaaaaa"])
def test_common_passwords_of_twelve_characters_are_refused_too(runner, client, make_user, login, password):
    cli = runner.invoke(args=["engage", "create-admin", "--email", "a@example.com", "--password", password])
    assert cli.exit_code != 0 and "too common" in cli.output

    login(make_user("admin"))
    form = client.post(
        "/admin/users", data={"email": "b@example.com", "password": password, "role": "hr", "employee_id": 0}
    )
    assert form.status_code == 400 and b"This password is too common" in form.data


def test_the_demo_password_is_acceptable():
    assert password_problem(DEMO_PASSWORD) is None
