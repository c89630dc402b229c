from datetime import date, timedelta

import pytest

from engage import insights
from engage.auth.access import Principal

TEAM_ENDPOINTS = ("trend", "correlation")


def test_no_credentials_is_401(client):
    response = client.get("/api/v1/teams")
    assert response.status_code == 401
    assert "Bearer" in response.get_json()["error"]


def test_a_wrong_token_is_401(client):
    response = client.get("/api/v1/teams", headers={"Authorization": "Bearer eng_not-a-token"})
    assert response.status_code == 401
    assert "invalid" in response.get_json()["error"]


def test_a_signed_in_session_works(client, make_user, login, make_team):
    make_team("Support")
    login(make_user("hr"))
    assert [t["name"] for t in client.get("/api/v1/teams").get_json()["teams"]] == ["Support"]


def test_hr_token_lists_every_team(client, company, bearer):
    body = client.get("/api/v1/teams", headers=bearer("hr")).get_json()
    assert sorted(t["name"] for t in body["teams"]) == ["Pair", "Sales", "Support", "Tiny"]
    assert set(body["teams"][0]) == {"id", "name", "parent_id", "depth"}


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("granularity=hour", "granularity", "day, week, month"),
        ("start=2026-13-01", "start", "YYYY-MM-DD"),
        ("end=yesterday", "end", "YYYY-MM-DD"),
        ("start=2026-05-01&end=2026-04-01", "start", "on or before"),
        ("granularity=day&start=2025-01-01&end=2026-01-01", "start", "at most 92 days"),
    ],
)
def test_bad_parameters_are_400_naming_the_field(client, company, bearer, query, field, words):
    team_id = company.teams["Support"].id
    for url in (f"/api/v1/teams/{team_id}/trend", "/api/v1/org/trend"):
        response = client.get(f"{url}?{query}", headers=bearer("hr"))
        assert response.status_code == 400, url
        body = response.get_json()
        assert body["field"] == field
        assert words in body["error"]


def test_a_non_numeric_team_id_is_400(client, company, bearer):
    response = client.get("/api/v1/comments?team_id=abc", headers=bearer("hr"))
    assert response.status_code == 400
    assert response.get_json()["field"] == "team_id"


def test_unknown_team_is_404_json(client, company, bearer):
    for endpoint in TEAM_ENDPOINTS:
        response = client.get(f"/api/v1/teams/999999/{endpoint}", headers=bearer("hr"))
        assert response.status_code == 404
        assert "error" in response.get_json()


def test_unknown_endpoint_is_404_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert "openapi.json" in response.get_json()["error"]


def test_manager_sees_only_their_teams(client, company, make_user, bearer):
    manager = make_user("manager", employee=company.people["Support"][0])
    headers = bearer("manager", manager)
    teams = client.get("/api/v1/teams", headers=headers).get_json()["teams"]
    assert [t["name"] for t in teams] == ["Support"]
    own = company.teams["Support"].id
    assert client.get(f"/api/v1/teams/{own}/trend", headers=headers).status_code == 200
    other = company.teams["Sales"].id
    for endpoint in TEAM_ENDPOINTS:
        response = client.get(f"/api/v1/teams/{other}/{endpoint}", headers=headers)
        assert response.status_code == 403
    assert client.get("/api/v1/org/trend", headers=headers).status_code == 403
    assert client.get(f"/api/v1/comments?team_id={other}", headers=headers).status_code == 403
    heatmap = client.get("/api/v1/drivers/heatmap", headers=headers).get_json()
    assert [row["team"]["name"] for row in heatmap["rows"]] == ["Support"]


def test_trend_matches_insights(client, company, bearer):
    team_id = company.teams["Support"].id
    end = date.today()
    start = end - timedelta(weeks=26)
    body = client.get(
        f"/api/v1/teams/{team_id}/trend?start={start}&end={end}&granularity=week", headers=bearer("hr")
    ).get_json()
    expected = insights.team_trend(Principal("hr", None), team_id, start, end, "week")
    assert body["team"] == {"id": team_id, "name": "Support"}
    assert [p["period_start"] for p in body["points"]] == [str(p.period_start) for p in expected.points]
    engagement = [p["engagement"] for p in body["points"]]
    assert engagement == [p.engagement for p in expected.points]
    assert sum(value is not None for value in engagement) >= 15
    assert all(0 <= value <= 100 for value in engagement if value is not None)
    assert sum(p["kudos_given"] for p in body["points"]) == company.weeks


def test_small_team_is_withheld_in_trend_and_heatmap(client, company, bearer):
    team_id = company.teams["Tiny"].id
    body = client.get(f"/api/v1/teams/{team_id}/trend", headers=bearer("hr")).get_json()
    answered = [p for p in body["points"] if p["withheld"]]
    assert len(answered) >= company.weeks - 1
    for point in body["points"]:
        for field in ("respondents", "engagement", "participation", "response_rate", "enps"):
            assert point[field] is None
    assert {reason for point in answered for reason in point["withheld_reasons"].values()} == {
        "too_few_respondents"
    }
    assert set(answered[0]["withheld_reasons"]) == set(answered[0]["withheld_fields"])
    heatmap = client.get("/api/v1/drivers/heatmap", headers=bearer("hr")).get_json()
    tiny = next(row for row in heatmap["rows"] if row["team"]["name"] == "Tiny")
    assert tiny["engagement"] == {
        "driver": tiny["engagement"]["driver"],
        "score": None,
        "respondents": None,
        "withheld": True,
        "withheld_reason": "too_few_respondents",
    }
    assert all(cell["score"] is None for cell in tiny["cells"])
    support = next(row for row in heatmap["rows"] if row["team"]["name"] == "Support")
    assert support["engagement"]["score"] is not None


def test_correlation_finds_csat_following_engagement_by_two_weeks(client, company, bearer):
    team_id = company.teams["Support"].id
    body = client.get(f"/api/v1/teams/{team_id}/correlation", headers=bearer("hr")).get_json()
    assert body["verdict"] == "relationship"
    assert body["best_lag"] == 2
    assert "2 weeks" in body["reading"]
    best = next(lag for lag in body["lags"] if lag["lag"] == 2)
    assert best["pearson"]["ci_low"] < best["pearson"]["r"] < best["pearson"]["ci_high"]
    assert [lag["lag"] for lag in body["lags"]] == sorted(lag["lag"] for lag in body["lags"])


def test_comments_are_anonymous_and_withheld_for_small_groups(client, company, bearer):
    support = client.get(
        f"/api/v1/comments?team_id={company.teams['Support'].id}", headers=bearer("hr")
    ).get_json()
    assert support["withheld"] is False
    assert support["withheld_months"] == []
    assert support["comments"]
    for comment in support["comments"]:
        assert set(comment) == {"kind", "text", "driver", "month", "question"}
        assert (comment["kind"], comment["question"]) == ("comment", None)
        assert len(comment["month"]) == 7
    text = str(support)
    assert not any(person.name in text or person.email in text for person in company.people["Support"])
    sales_id = company.teams["Sales"].id
    sales = client.get(f"/api/v1/comments?team_id={sales_id}", headers=bearer("hr")).get_json()
    assert sales["withheld"] is True
    assert sales["comments"] == []


def test_comments_come_fifty_a_page(client, company, bearer):
    url = f"/api/v1/comments?team_id={company.teams['Support'].id}"
    first = client.get(url, headers=bearer("hr")).get_json()
    assert (first["page"], first["per_page"]) == (1, 50)
    assert first["total"] == len(first["comments"]) and first["pages"] == 1
    beyond = client.get(f"{url}&page=2", headers=bearer("hr")).get_json()
    assert beyond["comments"] == [] and (beyond["page"], beyond["total"]) == (2, first["total"])
    bad = client.get(f"{url}&page=0", headers=bearer("hr"))
    assert bad.status_code == 400 and bad.get_json()["field"] == "page"


def test_daily_trend_has_one_point_per_day(client, company, bearer):
    team_id = company.teams["Support"].id
    start = company.first_monday
    end = start + timedelta(days=13)
    body = client.get(
        f"/api/v1/teams/{team_id}/trend?start={start}&end={end}&granularity=day", headers=bearer("hr")
    ).get_json()
    assert body["granularity"] == "day"
    assert [p["period_start"] for p in body["points"]] == [str(start + timedelta(days=i)) for i in range(14)]
    answered = [p["period_start"] for p in body["points"] if p["engagement"] is not None]
    assert answered == [str(start), str(start + timedelta(days=7))]  # the pulse dates, both Mondays


def test_manager_needs_a_team_for_comments(client, company, make_user, bearer):
    manager = make_user("manager", employee=company.people["Support"][0])
    headers = bearer("manager", manager)
    assert client.get("/api/v1/comments", headers=headers).status_code == 403
    own = client.get(f"/api/v1/comments?team_id={company.teams['Support'].id}", headers=headers)
    assert own.status_code == 200
    assert own.get_json()["team"]["name"] == "Support"
