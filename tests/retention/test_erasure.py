"""Erasing a person through the admin page: what goes, what stays, who may, and the audit trail."""

from datetime import date, datetime

import sqlalchemy as sa

from engage.auth.tokens import create_token
from engage.extensions import db
from engage.models import (
    ActionPlan,
    ApiToken,
    AuditEvent,
    DigestPreference,
    Employee,
    Kudos,
    KudosRecipient,
    PulseDelivery,
    PulseResponse,
    Rating,
    User,
)
from engage.retention.erasure import ERASED_NAME


def _answers(employee_id: int) -> list[tuple]:
    rows = db.session.execute(
        sa.select(
            PulseResponse.team_id, PulseResponse.question_id, PulseResponse.score, PulseDelivery.pulse_date
        )
        .join(PulseDelivery, PulseDelivery.id == PulseResponse.delivery_id)
        .where(PulseResponse.employee_id == employee_id)
        .order_by(PulseResponse.id)
    )
    return [tuple(row) for row in rows]


def _traces(person: Employee, make_user) -> User:
    """Their account with an API token, a digest preference, a plan they own, a rating as agent, a DM."""
    user = make_user("manager", email=person.email.upper(), employee=person)
    create_token("manager", "theirs", user)
    db.session.add(DigestPreference(employee_id=person.id, enabled=True))
    team = person.team
    assert team is not None
    db.session.add(
        ActionPlan(
            team=team,
            driver="growth",
            action="1:1s",
            start_date=date(2026, 1, 5),
            review_date=date(2026, 2, 5),
            owner_id=person.id,
            author=user,
        )
    )
    db.session.add(
        Rating(
            source="desk",
            external_id="r1",
            kind="csat",
            raw_value="5",
            score=100,
            satisfied=True,
            rated_at=datetime(2026, 1, 5),
            team_id=team.id,
            agent_email=person.email,
        )
    )
    delivery = db.session.execute(
        sa.select(PulseDelivery).where(PulseDelivery.employee_id == person.id).limit(1)
    ).scalar_one()
    delivery.slack_channel, delivery.slack_ts = "D0THEIRS", "1700000000.1"
    db.session.commit()
    return user


def test_erasure_removes_their_personal_data_and_keeps_their_answers_anonymous(
    company, admin, client, make_user
):
    person = company.people["Support"][1]
    person_id, email, team_id = person.id, person.email, person.team_id
    user_id = _traces(person, make_user).id
    report = company.people["Support"][4]
    report.manager = person
    db.session.commit()
    answers = _answers(person_id)
    kudos_given = db.session.scalar(sa.select(sa.func.count()).where(Kudos.giver_id == person_id))

    response = client.post(f"/people/{person_id}/erase", data={"confirm_email": email})

    assert response.status_code == 302
    db.session.expire_all()
    erased = db.session.get(Employee, person_id)
    assert (erased.name, erased.slack_user_id, erased.team_id, erased.manager_id, erased.timezone) == (
        ERASED_NAME,
        None,
        None,
        None,
        None,
    )
    assert email not in erased.email and not erased.active and erased.erased_at is not None
    assert _answers(person_id) == [(team_id, q, score, day) for _, q, score, day in answers]
    assert db.session.get(User, user_id) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0
    assert db.session.get(DigestPreference, person_id) is None
    assert db.session.scalar(sa.select(ActionPlan.owner_id)) is None
    assert db.session.scalar(sa.select(Rating.agent_email).where(Rating.external_id == "r1")) is None
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).where(
                PulseDelivery.employee_id == person_id, PulseDelivery.slack_channel.is_not(None)
            )
        )
        == 0
    )
    assert db.session.get(Employee, report.id).manager_id is None
    assert db.session.scalar(sa.select(sa.func.count()).where(Kudos.giver_id == person_id)) == kudos_given > 0


def test_kudos_they_gave_or_received_keep_their_text_but_not_their_name(company, admin, client):
    person = company.people["Sales"][1]  # receives kudos from Support
    name = person.name
    received = db.session.scalars(
        sa.select(Kudos).join(KudosRecipient).where(KudosRecipient.employee_id == person.id)
    ).all()
    messages = sorted(k.message for k in received)
    assert messages

    client.post(f"/people/{person.id}/erase", data={"confirm_email": person.email})
    wall = client.get("/kudos/").get_data(as_text=True)

    assert ERASED_NAME in wall and name not in wall
    kept = db.session.scalars(
        sa.select(Kudos).join(KudosRecipient).where(KudosRecipient.employee_id == person.id)
    )
    assert sorted(k.message for k in kept) == messages


def test_the_audit_log_names_the_record_but_never_the_erased_data(company, admin, client):
    person = company.people["Support"][1]
    name, email = person.name, person.email

    client.post(f"/people/{person.id}/erase", data={"confirm_email": email})

    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "person.erase"))
    assert (event.actor_kind, event.actor_id, event.target) == ("web", admin.id, f"employee {person.id}")
    logged = " ".join(f"{e.target} {e.detail}" for e in db.session.scalars(sa.select(AuditEvent)))
    assert name not in logged and email not in logged


def test_erasing_needs_their_email_typed_and_changes_nothing_without_it(company, admin, client):
    person = company.people["Support"][1]

    response = client.post(f"/people/{person.id}/erase", data={"confirm_email": "someone@else.com"})

    assert response.status_code == 400
    assert f"Type {person.email} exactly to confirm." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Employee, person.id).erased_at is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == 0


def test_only_admins_may_erase_or_export_a_person(company, make_user, login, client):
    person = company.people["Support"][1]
    login(make_user("hr"))

    assert client.get(f"/people/{person.id}/erase").status_code == 403
    assert client.post(f"/people/{person.id}/erase", data={"confirm_email": person.email}).status_code == 403
    assert client.get(f"/people/{person.id}/export.json").status_code == 403
    assert db.session.get(Employee, person.id).erased_at is None


def test_an_admin_cannot_erase_themselves(company, make_user, login, client):
    person = company.people["Support"][1]
    login(make_user("admin", employee=person))

    response = client.post(f"/people/{person.id}/erase", data={"confirm_email": person.email})

    assert response.status_code == 400
    assert "You cannot erase yourself" in response.get_data(as_text=True)
    assert db.session.get(Employee, person.id).erased_at is None


def test_an_erased_person_leaves_the_people_page_and_cannot_be_erased_twice(company, admin, client):
    person = company.people["Support"][1]
    name = person.name
    client.post(f"/people/{person.id}/erase", data={"confirm_email": person.email})

    page = client.get("/people").get_data(as_text=True)
    again = client.post(
        f"/people/{person.id}/erase", data={"confirm_email": person.email}, follow_redirects=True
    )

    assert name not in page and "1 erased person(s) are not listed" in page
    assert "was already erased" in again.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).where(AuditEvent.action == "person.erase")) == 1


def test_a_roster_listing_an_erased_email_adds_a_new_person(company, admin, client):
    from engage.people.roster import import_roster

    person = company.people["Support"][1]
    email = person.email
    client.post(f"/people/{person.id}/erase", data={"confirm_email": email})

    summary = import_roster(f"email,name,team,manager_email\n{email},Back Again,Support,\n".encode())

    assert summary.created == 1
    returned = db.session.scalar(sa.select(Employee).where(Employee.email == email))
    assert returned.id != person.id and returned.erased_at is None
    assert db.session.get(Employee, person.id).name == ERASED_NAME
