"""Everything engage holds about one person, as JSON: from the admin page and the CLI."""

import json

import sqlalchemy as sa

from engage.extensions import db
from engage.models import AuditEvent, Kudos, KudosRecipient, PulseResponse


def test_the_export_holds_their_record_answers_comments_and_kudos(company, admin, client):
    person = company.people["Support"][1]
    answers = db.session.scalar(sa.select(sa.func.count()).where(PulseResponse.employee_id == person.id))
    comments = db.session.scalars(
        sa.select(PulseResponse.comment).where(
            PulseResponse.employee_id == person.id, PulseResponse.comment.is_not(None)
        )
    ).all()
    given = db.session.scalar(sa.select(sa.func.count()).where(Kudos.giver_id == person.id))
    received = db.session.scalar(sa.select(sa.func.count()).where(KudosRecipient.employee_id == person.id))

    response = client.get(f"/people/{person.id}/export.json")

    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["person"]["email"] == person.email and data["person"]["team"] == "Support"
    assert len(data["answers"]) == answers
    assert sorted(a["comment"] for a in data["answers"] if a["comment"]) == sorted(comments)
    assert (len(data["kudos_given"]), len(data["kudos_received"])) == (given, received)
    assert all(k["from"] == person.name for k in data["kudos_given"])
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "person.export"))
    assert event.target == f"employee {person.id}"


def test_the_export_holds_their_web_account_without_its_password(company, admin, client, make_user):
    person = company.people["Support"][1]
    make_user("manager", email="lead@example.com", employee=person)

    data = json.loads(client.get(f"/people/{person.id}/export.json").data)

    assert [(a["email"], a["role"]) for a in data["web_accounts"]] == [("lead@example.com", "manager")]
    assert "password" not in json.dumps(data["web_accounts"])


def test_export_person_cli_writes_json_and_erase_person_cli_erases(company, runner):
    person = company.people["Support"][1]
    email, person_id = person.email, person.id

    exported = runner.invoke(args=["engage", "export-person", email.upper()])
    erased = runner.invoke(args=["engage", "erase-person", email, "--yes"])

    assert exported.exit_code == 0, exported.output
    assert json.loads(exported.output)["person"]["id"] == person_id
    assert erased.exit_code == 0, erased.output
    assert f"employee {person_id} erased" in erased.output
    actions = db.session.execute(
        sa.select(AuditEvent.actor_kind, AuditEvent.action).order_by(AuditEvent.id)
    ).all()
    assert [tuple(a) for a in actions] == [("cli", "person.export"), ("cli", "person.erase")]


def test_the_cli_says_which_email_it_does_not_know(app, runner):
    for command in (["export-person", "nobody@example.com"], ["erase-person", "nobody@example.com", "--yes"]):
        result = runner.invoke(args=["engage", *command])
        assert result.exit_code != 0
        assert "nobody in engage has the email 'nobody@example.com'" in result.output


def test_erase_person_cli_asks_before_erasing(company, runner):
    person = company.people["Support"][1]

    result = runner.invoke(args=["engage", "erase-person", person.email], input="n\n")

    assert result.exit_code != 0
    db.session.expire_all()
    assert person.erased_at is None
