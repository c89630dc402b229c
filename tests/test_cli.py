import sqlalchemy as sa

from engage.auth.tokens import authenticate
from engage.extensions import db
from engage.models import Employee, User

ROSTER = (
    "email,name,team,manager_email\n"
    "ana@example.com,Ana Lima,Support,\n"
    "ben@example.com,Ben Okafor,Support,ana@example.com\n"
)


def test_create_admin_makes_an_account_that_can_sign_in(runner, client):
    result = runner.invoke(
        args=["engage", "create-admin", "--email", "Boss@Example.com"],
        input="a-long-password\na-long-password\n",
    )

    assert result.exit_code == 0, result.output
    assert "created admin boss@example.com" in result.output
    signed_in = client.post("/login", data={"email": "boss@example.com", "password": "a-long-password"})
    assert signed_in.status_code == 302


def test_create_admin_refuses_a_short_password_and_a_taken_email(runner, make_user):
    short = runner.invoke(args=["engage", "create-admin", "--email", "a@example.com", "--password", "short"])
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    taken = make_user("hr")
    again = runner.invoke(
        args=["engage", "create-admin", "--email", taken.email, "--password", "long-enough-too"]
    )
    assert again.exit_code != 0 and "already exists" in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_create_token_prints_a_working_token_on_its_last_line(runner):
    result = runner.invoke(args=["engage", "create-token", "--role", "hr", "--name", "bi"])

    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    api_token = authenticate(token)
    assert api_token is not None and api_token.role == "hr" and api_token.name == "bi"
    assert authenticate(token + "x") is None


def test_a_manager_token_needs_a_manager_user(runner, make_user, make_employee):
    refused = runner.invoke(args=["engage", "create-token", "--role", "manager"])
    assert refused.exit_code != 0 and "--user EMAIL" in refused.output
    unknown = runner.invoke(args=["engage", "create-token", "--role", "manager", "--user", "who@example.com"])
    assert unknown.exit_code != 0 and "no user with email who@example.com" in unknown.output

    manager = make_user("manager", employee=make_employee())
    result = runner.invoke(args=["engage", "create-token", "--role", "manager", "--user", manager.email])
    assert authenticate(result.output.strip().splitlines()[-1]).user_id == manager.id


def test_import_roster_prints_a_summary(runner, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)

    result = runner.invoke(args=["engage", "import-roster", str(roster)])

    assert result.exit_code == 0, result.output
    assert "roster imported: 2 created, 0 updated" in result.output
    assert "1 teams created (Support)" in result.output


def test_import_roster_lists_problems_by_line_and_exits_non_zero(runner, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER + "carla@example,Carla,Support,ana@example.com\ndan@example.com,Dan,,\n")

    result = runner.invoke(args=["engage", "import-roster", str(roster)])

    assert result.exit_code == 1
    assert "line 4: email 'carla@example' is not valid" in result.stderr
    assert "line 5: the team is empty" in result.stderr
    assert "2 problem(s); nothing was changed" in result.stderr
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Employee)) == 0


def test_import_roster_needs_an_existing_file(runner, tmp_path):
    result = runner.invoke(args=["engage", "import-roster", str(tmp_path / "missing.csv")])

    assert result.exit_code == 2 and "No such file or directory" in result.output
