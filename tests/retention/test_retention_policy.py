"""The retention settings page and the daily job: off by default, comments by age, leavers by months gone."""

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import AuditEvent, Employee, PulseResponse
from engage.people.roster import import_roster
from engage.pulses.jobs import JOBS
from engage.retention.policy import RetentionSettings, apply_retention, get_settings, months_before


def test_retention_is_off_until_an_admin_sets_it(company):
    comments = db.session.scalar(sa.select(sa.func.count()).where(PulseResponse.comment.is_not(None)))
    db.session.execute(sa.update(Employee).values(active=False, left_at=datetime(2000, 1, 1)))
    db.session.commit()

    report = apply_retention(datetime(2100, 1, 1))

    assert (report.comments_deleted, report.people_erased) == (0, 0)
    assert db.session.scalar(sa.select(sa.func.count()).where(PulseResponse.comment.is_not(None))) == comments
    assert get_settings() == RetentionSettings(None, None)


def test_the_settings_page_saves_and_clears_the_months(admin, client):
    saved = client.post("/admin/retention", data={"comment_months": "12", "leaver_months": "24"})
    assert saved.status_code == 302
    assert get_settings() == RetentionSettings(12, 24)

    client.post("/admin/retention", data={"comment_months": "", "leaver_months": "6"})

    assert get_settings() == RetentionSettings(None, 6)
    details = db.session.scalars(
        sa.select(AuditEvent.detail).where(AuditEvent.action == "settings.retention")
    )
    assert list(details) == ["comments: 12, leavers: 24 (months)", "comments: kept, leavers: 6 (months)"]


@pytest.mark.parametrize("value", ["0", "601", "-3", "twelve"])
def test_the_settings_page_refuses_months_it_cannot_use_and_saves_nothing(admin, client, value):
    response = client.post("/admin/retention", data={"comment_months": value, "leaver_months": "6"})

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Give a whole number of months from 1 to 600." in page or "Not a valid integer value." in page
    assert get_settings() == RetentionSettings(None, None)


def test_only_admins_see_the_retention_settings(make_user, login, client):
    login(make_user("hr"))
    assert client.get("/admin/retention").status_code == 403


def test_people_who_left_longer_ago_than_the_setting_are_erased_and_others_kept(make_team, admin, client):
    make_team("Support")
    roster = "email,name,team,manager_email\n{}\n"
    import_roster(roster.format("a@example.com,Ann,Support,\nb@example.com,Bo,Support,").encode())
    left_at = datetime(2026, 1, 15, 9, 0)
    import_roster(roster.format("b@example.com,Bo,Support,").encode())
    ann, bo = (db.session.scalar(sa.select(Employee).where(Employee.name == n)) for n in ("Ann", "Bo"))
    assert ann.left_at is not None and bo.left_at is None
    ann.left_at = left_at
    db.session.commit()
    client.post("/admin/retention", data={"leaver_months": "3"})

    too_soon = apply_retention(datetime(2026, 4, 15, 8, 59))
    due = apply_retention(datetime(2026, 4, 15, 9, 1))

    assert (too_soon.people_erased, due.people_erased) == (0, 1)
    assert ann.erased_at is not None and ann.name == "Erased person"
    assert bo.erased_at is None and bo.active
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "person.erase"))
    assert (event.actor_kind, event.target) == ("scheduler", f"employee {ann.id}")


def test_a_person_back_on_the_roster_has_not_left(make_team):
    make_team("Support")
    roster = "email,name,team,manager_email\n{}\n"
    import_roster(roster.format("a@example.com,Ann,Support,\nb@example.com,Bo,Support,").encode())
    import_roster(roster.format("b@example.com,Bo,Support,").encode())

    import_roster(roster.format("a@example.com,Ann,Support,\nb@example.com,Bo,Support,").encode())

    assert db.session.scalar(sa.select(Employee.left_at).where(Employee.name == "Ann")) is None


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2026, 3, 31, 12), 1, datetime(2026, 2, 28, 12)),
        (datetime(2024, 3, 31), 1, datetime(2024, 2, 29)),
        (datetime(2026, 1, 15), 1, datetime(2025, 12, 15)),
        (datetime(2026, 5, 10), 24, datetime(2024, 5, 10)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected


def test_the_scheduler_runs_retention_once_a_day():
    job = next(j for j in JOBS if j.id == "retention")
    assert job.seconds == timedelta(days=1).total_seconds()
