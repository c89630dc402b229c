"""`flask engage import-responses FILE` and the upload on the People page."""

import io

import sqlalchemy as sa

from engage.extensions import db
from engage.models import PulseResponse
from tests.history.conftest import HEADER, count

GOOD = HEADER + "emea0@example.com,2026-01-05,Q?,growth,4,,\nemea1@example.com,2026-01-05,Q?,growth,2,,\n"
BAD = HEADER + "".join(f"ghost{i}@example.com,2026-01-05,Q?,growth,3,,\n" for i in range(103))


def test_the_command_imports_a_file_and_says_what_it_did(runner, support_people, tmp_path):
    path = tmp_path / "history.csv"
    path.write_text(GOOD)

    result = runner.invoke(args=["engage", "import-responses", str(path)])

    assert result.exit_code == 0, result.output
    assert "answers imported: 2 new, 0 updated, 0 unchanged answers from 2026-01-05 to 2026-01-05" in (
        result.output
    )
    assert count(PulseResponse) == 2
    again = runner.invoke(args=["engage", "import-responses", str(path)])
    assert "0 new, 0 updated, 2 unchanged" in again.output


def test_the_command_lists_the_first_100_problems_and_imports_nothing(runner, support_people, tmp_path):
    path = tmp_path / "history.csv"
    path.write_text(BAD)

    result = runner.invoke(args=["engage", "import-responses", str(path)])

    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "line 2: ghost0@example.com is nobody in engage; import the roster with them first, "
        "or fix the address"
    )
    assert "... and 3 more" in result.output
    assert "Error: 103 problem(s); nothing was imported" in result.output
    assert count(PulseResponse) == 0


def upload(client, text: str):
    return client.post(
        "/people/import-responses",
        data={"history": (io.BytesIO(text.encode()), "h.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def test_hr_uploads_answers_on_the_people_page(client, make_user, login, support_people):
    login(make_user("hr"))

    page = upload(client, GOOD)

    assert page.status_code == 200
    assert b"Answers imported: 2 new, 0 updated, 0 unchanged answers from 2026-01-05" in page.data
    assert sorted(db.session.scalars(sa.select(PulseResponse.score))) == [2, 4]


def test_a_refused_upload_lists_its_lines_and_imports_nothing(client, make_user, login, support_people):
    login(make_user("admin"))

    page = upload(client, BAD)

    assert page.status_code == 400
    assert b"No answers were imported: fix these 103 problem(s)" in page.data
    assert b"Line 2: ghost0@example.com is nobody in engage" in page.data
    assert b"Line 101: ghost99@example.com" in page.data and b"ghost100@" not in page.data
    assert "… and 3 more".encode() in page.data
    assert count(PulseResponse) == 0


def test_an_upload_without_a_file_says_what_to_do(client, make_user, login, support_people):
    login(make_user("hr"))
    page = client.post("/people/import-responses", data={}, content_type="multipart/form-data")

    assert page.status_code == 400
    assert b"Choose the answers CSV file to upload." in page.data


def test_a_manager_cannot_import_answers(client, make_user, login, support_people):
    login(make_user("manager", employee=support_people["support"][0]))

    assert upload(client, GOOD).status_code == 403
    assert client.get("/people/responses-sample.csv").status_code == 403
    assert count(PulseResponse) == 0
