"""The roster and ratings upload pages offer sample files, and the samples import as they are."""

import csv
import io

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee, PulseDelivery, PulseResponse, Question, Rating


def _download(client, page: str, link: str) -> str:
    assert f'href="{link}"'.encode() in client.get(page).data, f"{page} links to {link}"
    response = client.get(link)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    return response.get_data(as_text=True)


def _every_column_is_used(text: str) -> str:
    """The header, once each column has a value in some row."""
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    assert all(any(row[column] for row in rows) for column in rows[0]), "each column shows an example"
    return text.splitlines()[0]


def _upload(client, url: str, field: str, text: str):
    return client.post(
        url,
        data={field: (io.BytesIO(text.encode()), "sample.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def test_the_sample_roster_imports_as_it_is(client, make_user, login):
    login(make_user("hr"))
    sample = _download(client, "/people", "/people/sample.csv")
    assert _every_column_is_used(sample) == "email,name,team,manager_email,slack_user_id,timezone"

    page = _upload(client, "/people/import", "roster", sample)

    assert page.status_code == 200 and b"Roster imported: 4 created" in page.data
    assert db.session.scalar(sa.select(sa.func.count(Employee.id))) == 4


def test_the_sample_ratings_import_as_they_are_after_the_sample_roster(client, make_user, login):
    login(make_user("admin"))
    _upload(client, "/people/import", "roster", client.get("/people/sample.csv").get_data(as_text=True))
    sample = _download(client, "/ratings/import", "/ratings/sample.csv")
    header = "source,external_id,rated_at,kind,value,scale,team,group,agent_email,comment,account"
    assert _every_column_is_used(sample) == header

    page = _upload(client, "/ratings/import", "file", sample)

    assert page.status_code == 200 and b"Ratings imported: 3 new, 0 updated, 0 unchanged" in page.data
    kinds = sorted(r.kind for r in db.session.scalars(sa.select(Rating)))
    assert kinds == ["csat", "csat", "nps"]


def test_the_sample_answers_import_as_they_are_after_the_sample_roster(client, make_user, login):
    login(make_user("hr"))
    _upload(client, "/people/import", "roster", client.get("/people/sample.csv").get_data(as_text=True))
    sample = _download(client, "/people", "/people/responses-sample.csv")
    assert _every_column_is_used(sample) == "email,date,question,driver,score,comment,team"

    page = _upload(client, "/people/import-responses", "history", sample)

    assert page.status_code == 200 and b"Answers imported: 3 new, 0 updated, 0 unchanged" in page.data
    assert b"team(s) created (Customer Support / Support Japan)" in page.data
    answers = db.session.execute(
        sa.select(Question.driver, PulseResponse.score, PulseDelivery.status)
        .join(PulseDelivery, PulseDelivery.id == PulseResponse.delivery_id)
        .join(Question, Question.id == PulseResponse.question_id)
    ).all()
    assert sorted(tuple(a) for a in answers) == [
        ("enps", 9, "imported"),
        ("feedback", 2, "imported"),
        ("workload", 4, "imported"),
    ]
    again = _upload(client, "/people/import-responses", "history", sample)
    assert b"Answers imported: 0 new, 0 updated, 3 unchanged" in again.data


def test_samples_are_for_those_who_upload(client, make_user, login):
    assert client.get("/people/sample.csv").status_code == 302
    login(make_user("manager"))
    assert client.get("/people/sample.csv").status_code == 403
    assert client.get("/ratings/sample.csv").status_code == 403
