"""Erasing someone, or deleting old comment text, changes no figure of the dashboard or the API."""

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.insights import rollups
from engage.models import Employee, PulseResponse
from engage.retention.policy import apply_retention, months_before
from tests.retention.figures import dashboard_figures


def _comments_of(person: Employee) -> int:
    query = sa.select(sa.func.count()).where(
        PulseResponse.employee_id == person.id, PulseResponse.comment.is_not(None)
    )
    return db.session.execute(query).scalar_one()


def test_every_dashboard_figure_is_identical_after_erasing_someone(company, admin, client):
    person = company.people["Support"][1]  # gives and receives kudos, has answers and comments
    teams = list(company.teams.values())
    before = dashboard_figures(client, teams)
    assert _comments_of(person) > 0

    response = client.post(f"/people/{person.id}/erase", data={"confirm_email": person.email})
    assert response.status_code == 302, response.data
    after = dashboard_figures(client, teams)
    rollups.refresh(full=True)
    rebuilt = dashboard_figures(client, teams)

    assert db.session.get(Employee, person.id).erased_at is not None
    for url, figures in before.items():
        assert after[url] == figures, url
        assert rebuilt[url] == figures, url


def test_erasing_someone_deletes_only_their_comments(company, admin, client):
    person, colleague = company.people["Support"][1], company.people["Support"][2]
    theirs, others = _comments_of(person), _comments_of(colleague)

    client.post(f"/people/{person.id}/erase", data={"confirm_email": person.email})

    assert (_comments_of(person), _comments_of(colleague)) == (0, others)
    assert theirs > 0


def test_every_dashboard_figure_is_identical_after_old_comment_text_is_deleted(company, admin, client):
    teams = list(company.teams.values())
    before = dashboard_figures(client, teams)
    now = datetime.combine(company.first_monday + timedelta(weeks=company.weeks // 2, days=61), time())
    cutoff = months_before(now, 2)
    old_comments = sa.select(sa.func.count()).where(
        PulseResponse.answered_at < cutoff, PulseResponse.comment.is_not(None)
    )
    newer_comments = sa.select(sa.func.count()).where(
        PulseResponse.answered_at >= cutoff, PulseResponse.comment.is_not(None)
    )
    newer = db.session.scalar(newer_comments)
    assert db.session.scalar(old_comments) > 0 and newer > 0
    client.post("/admin/retention", data={"comment_months": 2})

    report = apply_retention(now)

    assert report.comments_deleted > 0
    assert (db.session.scalar(old_comments), db.session.scalar(newer_comments)) == (0, newer)
    assert dashboard_figures(client, teams) == before


def test_the_comments_list_drops_their_comments_at_once(company, admin, client):
    person = company.people["Support"][1]
    window = f"start={date.today() - timedelta(weeks=30)}&end={date.today()}"
    url = f"/api/v1/comments?team_id={company.teams['Support'].id}&{window}"
    before = client.get(url).json["total"]  # read once, so the list is in the figures cache
    theirs = _comments_of(person)

    client.post(f"/people/{person.id}/erase", data={"confirm_email": person.email})

    assert before > theirs > 0
    assert client.get(url).json["total"] == before - theirs
