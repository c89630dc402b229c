"""Ticket outcomes are checked as ratings are: supported years, not in the future, no control characters,
bodies nested too deep refused, and a file with many problems lists the first 100."""

from datetime import datetime, timedelta

import pytest

from engage.csat.batches import RatingsRejected
from engage.csat.outcomes import record_ticket_outcomes
from engage.csat.ticket_rows import TicketRow
from engage.models.base import utcnow
from tests.csat.test_tickets import HEADER

OUT_OF_RANGE = ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"]


def _ticket(**fields) -> dict:
    return {
        "source": "zendesk",
        "external_id": "t-1",
        "solved_at": "2026-03-02T09:00:00Z",
        "first_contact_resolved": True,
        "team": "Support",
    } | fields


def _line(external_id: str, solved_at: str) -> str:
    return f"zendesk,{external_id},{solved_at},yes,Support,,"


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"


@pytest.mark.parametrize("solved_at", OUT_OF_RANGE)
def test_api_solved_at_outside_the_supported_years_is_422_at_its_index(
    client, make_team, bearer, tickets, solved_at
):
    make_team("Support")
    body = {"tickets": [_ticket(), _ticket(external_id="t-2", solved_at=solved_at)]}
    response = client.post("/api/v1/ticket-outcomes", json=body, headers=bearer("hr"))
    assert response.status_code == 422
    [error] = response.get_json()["errors"]
    assert (error["index"], error["field"]) == (1, "solved_at")
    assert "is outside the years engage accepts (2000-2100)" in error["message"]
    assert tickets() == {}


def test_tickets_solved_more_than_a_day_ahead_are_refused_with_their_line(
    runner, make_team, csv_file, tickets
):
    make_team("Support")
    now = utcnow()
    path = csv_file(
        HEADER,
        _line("soon", _iso(now + timedelta(hours=20))),
        _line("later", _iso(now + timedelta(days=2))),
        name="tickets.csv",
    )
    result = runner.invoke(args=["engage", "import-tickets", path])
    assert result.exit_code != 0
    assert "line 3, solved_at: solved_at " in result.output
    assert "is in the future" in result.output
    assert "line 2" not in result.output
    assert tickets() == {}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("team", "Sup\x00port"),
        ("external_id", "t-\x1b[31m9"),
        ("source", "zen\u202edesk"),
        ("group", "Tier\t1"),
    ],
)
def test_api_ticket_text_with_control_characters_is_refused(client, make_team, bearer, tickets, field, value):
    make_team("Support")
    response = client.post(
        "/api/v1/ticket-outcomes", json={"tickets": [_ticket(**{field: value})]}, headers=bearer("hr")
    )
    assert response.status_code == 422
    [error] = response.get_json()["errors"]
    assert (error["index"], error["field"]) == (0, field)
    assert "control character" in error["message"]
    assert tickets() == {}


def test_a_ticket_body_nested_deeper_than_python_can_parse_is_400(client, bearer, tickets):
    body = '{"tickets": ' + "[" * 100_000 + "]" * 100_000 + "}"
    headers = bearer("hr") | {"Content-Type": "application/json"}
    response = client.post("/api/v1/ticket-outcomes", data=body, headers=headers)
    assert response.status_code == 400
    assert "nested too deeply" in response.get_json()["error"]
    assert tickets() == {}


def test_a_tickets_file_with_many_problems_lists_the_first_100_and_counts_the_rest(
    runner, make_team, csv_file, tickets
):
    make_team("Support")
    lines = [_line(str(n), "0001-01-01T00:00:00+01:00") for n in range(250)]
    result = runner.invoke(args=["engage", "import-tickets", csv_file(HEADER, *lines, name="tickets.csv")])
    assert result.output.count("solved_at: solved_at") == 100
    assert "... and 150 more" in result.output
    assert "nothing imported: 250 problem(s) to fix" in result.output
    assert tickets() == {}


@pytest.mark.parametrize(
    ("ticket", "field"),
    [
        (TicketRow("zendesk", "1", datetime(1999, 12, 31), True, team="Support"), "solved_at"),
        (TicketRow("zendesk", "1", utcnow() + timedelta(days=3), True, team="Support"), "solved_at"),
        (TicketRow("zendesk", "1", datetime(2026, 3, 2), True, group="Tier\x001"), "group"),
    ],
)
def test_a_connector_s_tickets_get_the_same_checks(app, make_team, tickets, ticket, field):
    make_team("Support")
    good = TicketRow("zendesk", "0", datetime(2026, 3, 2), True, team="Support")
    with pytest.raises(RatingsRejected) as rejected:
        record_ticket_outcomes([good, ticket])
    [problem] = rejected.value.problems
    assert (problem.at, problem.field) == (1, field)
    assert tickets() == {}
