"""One verdict per team on engagement against CSAT: the cross-team table, the team page, the API and the
CSV export all give the same, for weekly and monthly pairing."""

import csv
import html
import io
import re
from datetime import date, timedelta

import jsonschema
import pytest

from engage import insights
from engage.analytics.confidentiality import TOO_FEW
from engage.analytics.correlation import VERDICT_WITHHELD, VERDICTS
from engage.auth.access import Principal
from engage.web.api.spec import READ_API_SCHEMAS

HR = Principal("hr", None)


def table_verdicts(html: str) -> dict[int, str]:
    return {
        int(team): verdict
        for team, verdict in re.findall(r'<tr data-team-id="(\d+)">.*?data-verdict="([a-z_]+)"', html, re.S)
    }


@pytest.mark.parametrize("pairing", ["week", "month"])
def test_table_team_page_api_and_export_give_every_team_the_same_verdict(
    demo, client, make_user, login, pairing
):
    login(make_user("hr"))
    end = date.today()
    start = end - timedelta(weeks=52)
    query = f"start={start}&end={end}&pairing={pairing}"
    rows = {row.team_id: row for row in insights.cross_team(HR, start, end, pairing)}
    teams = insights.team_list(HR)
    assert len(rows) == len(teams) >= 8
    assert {row.pairing for row in rows.values()} == {pairing}
    assert table_verdicts(client.get(f"/dashboard/?{query}").get_data(as_text=True)) == {
        team: row.verdict for team, row in rows.items()
    }
    export = client.get(f"/dashboard/correlation.csv?{query}").get_data(as_text=True)
    exported = list(csv.DictReader(io.StringIO(export)))
    ids = {team.name: team.id for team in teams}
    assert {ids[line["team"]]: line["verdict"] for line in exported} == {
        team: row.verdict for team, row in rows.items()
    }

    schema = READ_API_SCHEMAS["Correlation"]
    for team_id, row in rows.items():
        body = client.get(f"/api/v1/teams/{team_id}/correlation?{query}").get_json()
        jsonschema.validate(body, schema)
        assert set(body) <= set(schema["properties"])
        verdict = ("verdict", "reading", "q_value", "best_lag", "withheld_reason")
        assert [body[key] for key in verdict] == [getattr(row, key) for key in verdict]
        assert (body["pairing"], body["teams_compared"]) == (pairing, row.teams_compared)
        page = client.get(f"/dashboard/teams/{team_id}?{query}").get_data(as_text=True)
        assert re.search(rf'<p class="reading[^"]*" data-verdict="{row.verdict}"', page)
        if row.q_value is not None:
            assert f'<span class="q-value">{row.q_value:.3g}</span>' in page
        line = next(line for line in exported if line["team"] == row.team_name)
        assert line["q_value"] == ("" if row.q_value is None else str(row.q_value))
        assert line["reading"] == row.reading
    assert {row.verdict for row in rows.values()} <= set(VERDICTS)


def test_a_team_withheld_by_the_anonymity_rules_says_so(demo, client, make_user, login):
    """Billing (3 people) is withheld every week: its verdict says why, not "not enough data"."""
    login(make_user("hr"))
    billing = next(team.id for team in insights.team_list(HR) if team.name == "Billing")
    body = client.get(f"/api/v1/teams/{billing}/correlation").get_json()
    assert (body["verdict"], body["withheld_reason"]) == (VERDICT_WITHHELD, TOO_FEW)
    assert body["reading"].startswith("Withheld: engagement is withheld in ")
    assert "(mostly: fewer than 5 respondents)" in body["reading"]
    assert body["n_periods"] == 0 and body["q_value"] is None
    page = client.get(f"/dashboard/teams/{billing}").get_data(as_text=True)
    assert 'data-verdict="withheld" data-reason="too_few_respondents"' in page
    assert "Not enough data" not in page
    overview = client.get("/dashboard/").get_data(as_text=True)
    assert table_verdicts(overview)[billing] == VERDICT_WITHHELD
    assert re.search(rf'<tr data-team-id="{billing}">.*?>withheld</span>', overview, re.S)


def test_monthly_pairing_is_its_own_answer_after_the_weekly_one_is_cached(company, client, make_user, login):
    login(make_user("hr"))
    support = company.teams["Support"].id
    start = company.first_monday
    query = f"start={start}&end={start + timedelta(weeks=19)}"
    weekly = client.get(f"/dashboard/?{query}").get_data(as_text=True)
    assert table_verdicts(weekly)[support] == "relationship" and "paired by week" in weekly
    assert client.get(f"/api/v1/teams/{support}/correlation?{query}").get_json()["best_lag"] == 2

    monthly = client.get(f"/dashboard/?{query}&pairing=month").get_data(as_text=True)
    assert table_verdicts(monthly)[support] == "not_enough_data" and "paired by month" in monthly
    body = client.get(f"/api/v1/teams/{support}/correlation?{query}&pairing=month").get_json()
    assert (body["pairing"], body["verdict"], body["lags"]) == ("month", "not_enough_data", [])
    assert body["reading"].startswith("Not enough data: 5 months with both engagement and CSAT shown")
    page = client.get(f"/dashboard/teams/{support}?{query}&pairing=month").get_data(as_text=True)
    assert '<option value="month" selected>by month</option>' in page
    assert "Not enough data: 5 months" in page
    export = client.get(f"/dashboard/correlation.csv?{query}&pairing=month").get_data(as_text=True)
    assert "Support,month,not_enough_data" in export


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/teams/{team}/correlation",
        "/dashboard/teams/{team}",
        "/dashboard/",
        "/dashboard/correlation.csv",
    ],
)
def test_an_unknown_pairing_says_what_to_choose(company, client, make_user, login, url):
    login(make_user("hr"))
    response = client.get(url.format(team=company.teams["Support"].id) + "?pairing=day")
    assert response.status_code == 400
    text = html.unescape(response.get_data(as_text=True)).lower()
    assert "pairing must be one of week, month, not 'day'" in text
