"""Roster text that must be refused with its line, and a roster with many problems lists the first 100."""

import html
import io

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee

HEADER = "email,name,team,manager_email,slack_user_id,timezone"
GOOD = "ana@example.com,Ana Lima,Support,,U0ANA,Europe/London"


def _write(tmp_path, *lines: str) -> str:
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _people() -> list[str]:
    return list(db.session.scalars(sa.select(Employee.name)))


@pytest.mark.parametrize(
    ("row", "shown"),
    [
        ("bo@example.com,Bo\x00 Berg,Support,,,", "U+0000"),
        ("bo@example.com,\x1b[31mBo Berg\x1b[0m,Support,,,", "U+001B"),
        ("bo@example.com,Bo \u202eBerg,Support,,,", "U+202E"),
        ("bo@example.com,Bo Berg,Sup\x07port,,,", "U+0007"),
        ("bo@example.com,Bo Berg,Support / EMEA\x1b[2J,,,", "U+001B"),
    ],
)
def test_names_and_teams_with_control_characters_are_refused_with_their_line(
    runner, app, tmp_path, row, shown
):
    result = runner.invoke(args=["engage", "import-roster", _write(tmp_path, HEADER, GOOD, row)])
    assert result.exit_code != 0
    assert "line 3: " in result.output
    assert f"contains control character(s) ({shown})" in result.output
    assert "line 2" not in result.output
    assert _people() == []


def test_joiners_and_ordinary_spaces_in_names_are_kept(runner, app, tmp_path):
    row = "bo@example.com,Mehr\u200cdad Bo\u00a0Berg,Support,,,"
    result = runner.invoke(args=["engage", "import-roster", _write(tmp_path, HEADER, GOOD, row)])
    assert result.exit_code == 0, result.output
    assert sorted(_people()) == ["Ana Lima", "Mehr\u200cdad Bo\u00a0Berg"]


def test_a_roster_with_many_problems_lists_the_first_100_and_counts_the_rest(
    runner, client, make_user, login, tmp_path
):
    lines = [HEADER] + [f"person{n}@example.com,,Support,,," for n in range(250)]
    result = runner.invoke(args=["engage", "import-roster", _write(tmp_path, *lines)])
    assert result.output.count("the name is empty") == 100
    assert "line 101: the name is empty" in result.output
    assert "line 102:" not in result.output
    assert "... and 150 more" in result.output
    assert "250 problem(s); nothing was changed" in result.output
    login(make_user("hr"))
    upload = io.BytesIO("\n".join(lines).encode())
    response = client.post(
        "/people/import", data={"roster": (upload, "roster.csv")}, content_type="multipart/form-data"
    )
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "fix these 250 problem(s)" in page
    assert page.count("the name is empty") == 100
    assert "... and 150 more." in page
