"""Ticket outcomes (first-contact resolution) through the page, the CLI, the API and the service."""

import html
import io
from datetime import datetime

import pytest
import sqlalchemy as sa

from engage.csat.batches import RatingsRejected
from engage.csat.outcomes import record_ticket_outcomes
from engage.csat.ticket_rows import TicketRow
from engage.extensions import db
from engage.models import StaleRollup, TeamMapping

HEADER = "source,external_id,solved_at,first_contact_resolved,team,group,agent_email"


def _upload(client, text: str, source: str = ""):
    data = {"file": (io.BytesIO(text.encode()), "tickets.csv"), "source": source}
    return client.post(
        "/ratings/tickets", data=data, content_type="multipart/form-data", follow_redirects=True
    )


def test_hr_uploads_solved_tickets_and_a_second_upload_changes_nothing(
    client, make_user, login, make_team, tickets
):
    support = make_team("Support")
    db.session.add(TeamMapping(source="zendesk", external_group="Tier 1", team_id=support.id))
    db.session.commit()
    login(make_user("hr"))
    page = client.get("/ratings/tickets")
    assert page.status_code == 200 and HEADER.encode() in page.data
    text = (
        "external_id,solved_at,first_contact_resolved,team,group\n"
        "101,2026-03-02T09:00:00+01:00,yes,Support,\n"
        "102,2026-03-02,no,,Tier 1\n"
    )
    response = _upload(client, text, source="zendesk")
    assert b"Ticket outcomes imported: 2 new, 0 updated, 0 unchanged." in response.data
    stored = tickets()
    assert stored[("zendesk", "101")].solved_at == datetime(2026, 3, 2, 8, 0)
    assert stored[("zendesk", "101")].first_contact_resolved is True
    assert stored[("zendesk", "102")].first_contact_resolved is False
    assert {t.team_id for t in stored.values()} == {support.id}
    assert b"0 new, 0 updated, 2 unchanged" in _upload(client, text, source="zendesk").data


def test_a_file_with_a_bad_row_imports_nothing_and_says_where(client, make_user, login, make_team, tickets):
    make_team("Support")
    login(make_user("admin"))
    text = (
        f"{HEADER}\n"
        "zendesk,1,2026-03-02,yes,Support,,\n"
        "zendesk,2,2026-03-02,maybe,Support,,\n"
        "zendesk,3,soon,no,Support,,\n"
        "zendesk,4,2026-03-02,no,,Tier 9,\n"
    )
    response = _upload(client, text)
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert "Nothing was imported: 3 problems to fix" in page
    assert "<td>3</td><td>first_contact_resolved</td>" in page
    assert "first_contact_resolved must be yes or no (true/false, 1/0), got 'maybe'" in page
    assert "<td>4</td><td>solved_at</td>" in page
    assert "group 'Tier 9' of source 'zendesk' is not mapped to a team" in page
    assert tickets() == {}


def test_a_header_without_the_outcome_column_is_refused(client, make_user, login, make_team, tickets):
    make_team("Support")
    login(make_user("hr"))
    response = _upload(client, "source,external_id,solved_at,team\nzendesk,1,2026-03-02,Support\n")
    assert response.status_code == 422
    assert b"missing column(s): first_contact_resolved" in response.data
    assert tickets() == {}


def test_cli_imports_tickets(runner, make_team, tmp_path, tickets):
    make_team("Support")
    path = tmp_path / "tickets.csv"
    path.write_text(f"{HEADER}\nfreshdesk,9,2026-03-03T10:00:00Z,true,Support,,\n", encoding="utf-8")
    result = runner.invoke(args=["engage", "import-tickets", str(path)])
    assert result.exit_code == 0, result.output
    assert "created 1, updated 0, unchanged 0" in result.output
    path.write_text(f"{HEADER}\nfreshdesk,9,2026-03-03T10:00:00Z,later,Support,,\n", encoding="utf-8")
    refused = runner.invoke(args=["engage", "import-tickets", str(path)])
    assert refused.exit_code != 0
    assert "line 2, first_contact_resolved" in refused.output
    assert tickets()[("freshdesk", "9")].first_contact_resolved is True


def test_api_imports_tickets_and_refuses_unknown_fields(
    client, make_team, bearer, tickets, make_user, make_employee
):
    make_team("Support")
    ticket = {
        "source": "zendesk",
        "external_id": "t-1",
        "solved_at": "2026-03-02T09:00:00Z",
        "first_contact_resolved": True,
        "team": "Support",
    }
    created = client.post("/api/v1/ticket-outcomes", json={"tickets": [ticket]}, headers=bearer("hr"))
    assert created.status_code == 201
    assert created.get_json() == {"created": 1, "updated": 0, "unchanged": 0, "skipped": 0}
    wrong = client.post(
        "/api/v1/ticket-outcomes", json={"tickets": [ticket | {"score": 5}]}, headers=bearer("hr")
    )
    assert wrong.status_code == 422
    assert wrong.get_json()["errors"][0]["message"].startswith("unknown field(s) score")
    empty = client.post("/api/v1/ticket-outcomes", json={"tickets": []}, headers=bearer("hr"))
    assert empty.status_code == 422 and "at least one ticket" in empty.get_json()["errors"][0]["message"]
    assert (
        client.post(
            "/api/v1/ticket-outcomes",
            json={"tickets": [ticket]},
            headers=bearer("manager", make_user("manager", employee=make_employee())),
        ).status_code
        == 403
    )
    assert len(tickets()) == 1


def test_record_ticket_outcomes_is_idempotent_and_marks_where_a_moved_ticket_counted(app, make_team, tickets):
    support, sales = make_team("Support"), make_team("Sales")
    solved = datetime(2026, 3, 2, 9)
    first = record_ticket_outcomes(
        [
            TicketRow("zendesk", "1", solved, True, team="Support"),
            TicketRow("zendesk", "2", solved, False, team="Support"),
        ]
    )
    assert first.as_dict() == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 0}
    moved = record_ticket_outcomes(
        [
            TicketRow("zendesk", "1", datetime(2026, 3, 9, 9), True, team="Sales"),
            TicketRow("zendesk", "2", solved, False, team="Support"),
        ]
    )
    assert moved.as_dict() == {"created": 0, "updated": 1, "unchanged": 1, "skipped": 0}
    assert tickets()[("zendesk", "1")].team_id == sales.id
    marks = db.session.execute(sa.select(StaleRollup.kind, StaleRollup.day, StaleRollup.team_id)).all()
    assert marks == [("tickets", solved.date(), support.id)]


def test_record_ticket_outcomes_writes_nothing_when_one_ticket_has_no_team(app, make_team, tickets):
    make_team("Support")
    with pytest.raises(RatingsRejected) as rejected:
        record_ticket_outcomes(
            [
                TicketRow("zendesk", "1", datetime(2026, 3, 2), True, team="Support"),
                TicketRow("zendesk", "2", datetime(2026, 3, 2), True, agent_email="x@y.z"),
            ]
        )
    assert rejected.value.problems[0].at == 1
    assert "x@y.z is not an employee with a team" in rejected.value.problems[0].message
    assert tickets() == {}
