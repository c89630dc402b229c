"""HR picks the customer outcome set against engagement: pages, chart, export, API and correlation."""

import csv
import io
import re
from datetime import date, timedelta

import pytest

from engage import insights
from engage.auth.access import Principal
from tests.web.dashboard.test_pages import chart_data, series

HR = Principal("hr", None)
WEEKS = 4


@pytest.fixture
def solved_tickets(client, company, bearer, runner):
    """Support solved 4 tickets a week over the last WEEKS weeks, 3 of them in their first contact;
    imported through the API, the rollups refreshed by the CLI."""
    last_monday = date.today() - timedelta(days=date.today().weekday(), weeks=1)
    tickets = [
        {
            "source": "zendesk",
            "external_id": f"{week}-{i}",
            "team": "Support",
            "solved_at": f"{last_monday - timedelta(weeks=week) + timedelta(days=1)}T10:00:00Z",
            "first_contact_resolved": "yes" if i < 3 else "no",
        }
        for week in range(WEEKS)
        for i in range(4)
    ]
    response = client.post("/api/v1/ticket-outcomes", json={"tickets": tickets}, headers=bearer("hr"))
    assert response.status_code == 201, response.get_json()
    result = runner.invoke(args=["engage", "refresh-stats"])
    assert result.exit_code == 0, result.output
    return last_monday


def _row(html: str, team_id: int) -> list[str]:
    row = re.search(rf'<tr data-team-id="{team_id}">(.*?)</tr>', html, re.S)
    assert row, f"the table has no row for team {team_id}"
    return [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def test_overview_charts_and_cards_the_chosen_outcome(client, company, solved_tickets, make_user, login):
    login(make_user("hr"))
    html = client.get("/dashboard/?outcome=fcr").get_data(as_text=True)
    chart = chart_data(html, "overview-data")
    end = date.today()
    expected = insights.org_trend(HR, end - timedelta(weeks=26), end, "week")
    assert series(chart, "fcr") == [p.fcr for p in expected.points]
    assert [v for v in series(chart, "fcr") if v is not None] == [75.0] * WEEKS
    assert "csat_pct" not in {s["key"] for s in chart["series"]}
    assert '<option value="fcr" selected>First-contact resolution %</option>' in html
    assert '<div class="stat-title">First-contact resolution %</div>' in html
    count = re.search(r'id="outcome-count">(.*?)</div>\s*</div>', html, re.S).group(1)
    assert "Solved tickets" in count and f'<div class="stat">{4 * WEEKS}</div>' in count
    assert "outcome=fcr" in re.search(r'href="(/dashboard/export.csv[^"]*)"', html).group(1)


def test_teams_table_shows_the_chosen_outcome_and_keeps_the_default(
    client, company, solved_tickets, make_user, login
):
    login(make_user("hr"))
    support = company.teams["Support"].id
    default = client.get("/dashboard/teams").get_data(as_text=True)
    assert '<th class="num">CSAT % satisfied</th>' in default
    chosen = client.get("/dashboard/teams?outcome=fcr").get_data(as_text=True)
    assert '<th class="num">First-contact resolution %</th>' in chosen
    assert _row(chosen, support)[4] == "75%"
    again = client.get("/dashboard/teams").get_data(as_text=True)  # not the FCR table from the cache
    assert _row(again, support)[4] == _row(default, support)[4] != "75%"
    assert _row(chosen, company.teams["Sales"].id)[4] == '<span class="muted">no data</span>'


def test_team_page_sets_engagement_against_nps(client, company, make_user, login):
    login(make_user("hr"))
    html = client.get(f"/dashboard/teams/{company.teams['Support'].id}?outcome=nps").get_data(as_text=True)
    assert "<h2>Does NPS follow engagement?</h2>" in html
    chart = chart_data(html, "team-data")
    assert chart["axes"]["net"]["min"] == -100 and "nps" in {s["key"] for s in chart["series"]}
    reading = re.search(r'<p class="reading[^"]*"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "NPS" in reading and "CSAT" not in reading


def test_export_carries_the_chosen_outcome(client, company, solved_tickets, make_user, login):
    login(make_user("hr"))
    rows = list(
        csv.DictReader(io.StringIO(client.get("/dashboard/export.csv?outcome=fcr").get_data(as_text=True)))
    )
    assert list(rows[0])[-4:] == ["fcr", "tickets", "kudos_given", "kudos_received"]
    support = [row for row in rows if row["team"] == "Support" and row["tickets"] != "0"]
    assert [(row["fcr"], row["tickets"]) for row in support] == [("75.0", "4")] * WEEKS
    default = csv.DictReader(io.StringIO(client.get("/dashboard/export.csv").get_data(as_text=True)))
    assert "csat_pct" in default.fieldnames and "fcr" not in default.fieldnames


def test_api_correlates_engagement_with_the_chosen_outcome(client, company, solved_tickets, bearer):
    support = company.teams["Support"].id
    body = client.get(f"/api/v1/teams/{support}/correlation?outcome=fcr", headers=bearer("hr")).get_json()
    assert body["outcome"] == "fcr"
    assert body["verdict"] == "not_enough_data"
    assert f"{WEEKS} weeks with both engagement and first-contact resolution shown" in body["reading"]
    csat = client.get(f"/api/v1/teams/{support}/correlation", headers=bearer("hr")).get_json()
    assert csat["outcome"] == "csat_pct" and csat["verdict"] == "relationship"
    monthly = client.get(
        f"/api/v1/teams/{support}/correlation?outcome=fcr&pairing=month", headers=bearer("hr")
    ).get_json()
    assert (monthly["outcome"], monthly["pairing"], monthly["verdict"]) == ("fcr", "month", "not_enough_data")
    shown = r"\d+ months? with both engagement and first-contact resolution shown"
    assert re.search(shown, monthly["reading"])
    points = client.get(f"/api/v1/teams/{support}/trend", headers=bearer("hr")).get_json()["points"]
    assert [(p["fcr"], p["tickets"]) for p in points if p["tickets"]] == [(75.0, 4)] * WEEKS


def test_the_comparison_export_is_of_the_outcome_chosen(client, company, solved_tickets, make_user, login):
    login(make_user("hr"))
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/dashboard/correlation.csv?outcome=fcr").get_data(as_text=True))
        )
    )
    support = next(row for row in rows if row["team"] == "Support")
    assert (support["outcome"], support["verdict"]) == ("fcr", "not_enough_data")
    assert "first-contact resolution" in support["reading"]
    default = list(
        csv.DictReader(io.StringIO(client.get("/dashboard/correlation.csv").get_data(as_text=True)))
    )
    assert next(row for row in default if row["team"] == "Support")["verdict"] == "relationship"


def test_an_unknown_outcome_says_which_exist(client, company, bearer, make_user, login):
    support = company.teams["Support"].id
    refused = client.get(f"/api/v1/teams/{support}/correlation?outcome=churn", headers=bearer("hr"))
    assert refused.status_code == 400
    assert refused.get_json() == {
        "field": "outcome",
        "error": "outcome must be one of csat_pct, csat_mean, nps, fcr, not 'churn'",
    }
    login(make_user("hr"))
    page = client.get("/dashboard/?outcome=churn")
    assert page.status_code == 400 and b"Outcome must be one of csat_pct, csat_mean, nps, fcr" in page.data


def test_openapi_documents_the_outcome_parameter(client):
    document = client.get("/api/v1/openapi.json").get_json()
    parameters = document["paths"]["/api/v1/teams/{team_id}/correlation"]["get"]["parameters"]
    outcome = next(p for p in parameters if p["name"] == "outcome")
    assert outcome["schema"]["enum"] == ["csat_pct", "csat_mean", "nps", "fcr"]
    assert "/api/v1/ticket-outcomes" in document["paths"]
