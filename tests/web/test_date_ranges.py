"""Dates from the query string outside the supported years are a 400 that says what to fix, on every page."""

import pytest

OUT_OF_RANGE = [
    "start=9999-12-01&end=9999-12-31&granularity=month",
    "start=0001-01-01&end=0001-01-31&granularity=day",
]
DASHBOARD_PAGES = [
    "/dashboard/",
    "/dashboard/teams",
    "/dashboard/teams/{team}",
    "/dashboard/heatmap",
    "/dashboard/comments",
    "/dashboard/export.csv",
]
API_READS = [
    "/api/v1/teams/{team}/trend",
    "/api/v1/teams/{team}/correlation",
    "/api/v1/org/trend",
    "/api/v1/drivers/heatmap",
    "/api/v1/comments",
]


@pytest.fixture
def team_id(make_team, make_employee):
    team = make_team("Support")
    make_employee(team)
    return team.id


@pytest.mark.parametrize("query", OUT_OF_RANGE)
@pytest.mark.parametrize("page", DASHBOARD_PAGES)
def test_dashboard_dates_outside_the_supported_years_are_400(client, make_user, login, team_id, page, query):
    login(make_user("hr"))
    response = client.get(f"{page.format(team=team_id)}?{query}")
    assert response.status_code == 400
    assert "outside the years engage accepts (2000-2100)" in response.get_data(as_text=True)


@pytest.mark.parametrize("query", OUT_OF_RANGE)
@pytest.mark.parametrize("url", API_READS)
def test_api_dates_outside_the_supported_years_are_400(client, make_user, login, team_id, url, query):
    login(make_user("hr"))
    response = client.get(f"{url.format(team=team_id)}?{query}")
    assert response.status_code == 400
    assert response.get_json()["field"] in ("start", "end")
    assert "2000-2100" in response.get_json()["error"]


def test_supported_years_at_their_edges_are_answered(client, make_user, login, team_id):
    login(make_user("hr"))
    for query in (
        "start=2100-12-01&end=2100-12-31&granularity=month",
        "start=2000-01-01&end=2000-01-31&granularity=day",
    ):
        assert client.get(f"/dashboard/teams/{team_id}?{query}").status_code == 200
        assert client.get(f"/api/v1/teams/{team_id}/trend?{query}").status_code == 200


@pytest.mark.parametrize("pivot", ["0001-01-01", "9999-12-31"])
def test_team_page_pivot_outside_the_supported_years_is_400(client, make_user, login, team_id, pivot):
    login(make_user("hr"))
    response = client.get(f"/dashboard/teams/{team_id}?pivot={pivot}")
    assert response.status_code == 400
    assert f"comparison date (pivot) {pivot} is outside the years engage accepts" in response.get_data(
        as_text=True
    )


@pytest.mark.parametrize("page", ["/kudos/", "/kudos/accounts", "/kudos/export.csv"])
def test_kudos_dates_outside_the_supported_years_are_400(client, make_user, login, page):
    login(make_user("hr"))
    response = client.get(f"{page}?start=0001-01-01&end=9999-12-31")
    assert response.status_code == 400
    assert "0001-01-01 is outside the years engage accepts (2000-2100)" in response.get_data(as_text=True)
