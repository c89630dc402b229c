"""The service-hours heatmap on the team page, the off-hours gap in the teams table, the ranking."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.service_hours_data import END, START, WEEKS, seed_service_company

RANGE = {"start": START.isoformat(), "end": END.isoformat()}


@pytest.fixture
def company(app):
    return seed_service_company()


def page(client, url: str) -> BeautifulSoup:
    response = client.get(url, query_string=RANGE)
    assert response.status_code == 200, response.data[:500]
    return BeautifulSoup(response.data, "html.parser")


def test_the_team_page_greys_out_cells_with_too_few_ratings_and_shows_every_count(
    client, company, make_user, login
):
    login(make_user("hr"))

    card = page(client, f"/dashboard/teams/{company.americas.id}").find(id="service-hours")

    cells = card.select("table.service-hours tbody tr:not(.margin) td.cell")
    assert len(cells) == 7 * 25  # 24 hours and the whole day, each weekday
    hours = [c for c in cells if "greyed" in c["class"]]
    assert len(hours) == 7 * 24 and {c.select_one(".count").text for c in hours} == {str(WEEKS)}
    whole_days = [c for c in cells if "greyed" not in c["class"]]
    assert [c["data-ratings"] for c in whole_days] == [str(WEEKS * 24)] * 7
    night = card.select("tr.margin td.cell")[3]
    assert night.text.strip().startswith("50") and "heat-0" in night["class"]
    assert "America/New_York" in card.text


def test_the_team_page_names_the_worst_shift_and_the_interval(client, company, make_user, login):
    login(make_user("hr"))

    text = page(client, f"/dashboard/teams/{company.americas.id}").find(id="off-hours-gap").text

    assert "nights (every day 0:00-8:00)" in text
    assert re.search(r"\+30\.0 pts \(\+\d+ to \+\d+\)", " ".join(text.split()))


def test_the_teams_page_ranks_the_team_slipping_at_night_first(client, company, make_user, login):
    login(make_user("hr"))

    soup = page(client, "/dashboard/teams")

    ranking = [row.a.text for row in soup.find(id="service-ranking").select("tbody tr")]
    assert ranking == ["Support Americas", "Support EMEA"]
    gaps = {
        row.a.text: row.select_one("td.off-hours").text.split(" pts")[0].strip()
        for row in soup.select("table.teams-table tbody tr")
    }
    assert gaps == {"Support Americas": "+30.0", "Support EMEA": "+5.0"}


def test_fcr_is_split_from_solved_tickets_and_a_team_without_any_says_so(client, company, make_user, login):
    login(make_user("hr"))

    response = client.get(f"/dashboard/teams/{company.americas.id}", query_string=RANGE | {"outcome": "fcr"})

    card = BeautifulSoup(response.data, "html.parser").find(id="service-hours")
    assert "No solved tickets for this team in the range." in card.text
