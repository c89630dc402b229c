"""GET /api/v1/teams/{id}/service-hours and /api/v1/service-consistency."""

import pytest

from tests.service_hours_data import END, START, WEEKS, seed_service_company

RANGE = f"start={START}&end={END}"


@pytest.fixture
def company(app):
    return seed_service_company()


def test_a_teams_cells_count_its_ratings_by_local_weekday_and_hour(client, company, bearer):
    response = client.get(f"/api/v1/teams/{company.americas.id}/service-hours?{RANGE}", headers=bearer("hr"))

    assert response.status_code == 200
    body = response.get_json()
    assert (body["team"]["name"], body["timezone"], body["outcome"]) == (
        "Support Americas",
        "America/New_York",
        "csat_pct",
    )
    assert len(body["cells"]) == 7 * 24 and {c["ratings"] for c in body["cells"]} == {WEEKS}
    assert all(c["greyed"] and c["value"] is None for c in body["cells"])  # 4 ratings each: too few
    assert [c["ratings"] for c in body["weekdays"]] == [WEEKS * 24] * 7
    assert [c["ratings"] for c in body["hours"]] == [WEEKS * 7] * 24
    assert body["hours"][3]["value"] == 50.0 and body["hours"][12]["value"] == pytest.approx(100 * 22 / 28)
    assert body["min_cell_ratings"] == 10 and body["min_shift_ratings"] == 30


def test_the_off_hours_gap_names_the_night_and_its_interval(client, company, bearer):
    body = client.get(
        f"/api/v1/teams/{company.americas.id}/service-hours?{RANGE}", headers=bearer("hr")
    ).get_json()

    gap = body["off_hours"]
    assert (gap["higher"], gap["lower"]) == ("day", "night")
    assert 20 < gap["points"] < 40 and 0 < gap["ci_low"] < gap["points"] < gap["ci_high"]
    assert {s["key"]: s["ratings"] for s in body["shifts"]} == {
        "day": WEEKS * 5 * 10,
        "evening": WEEKS * 5 * 6,
        "night": WEEKS * 7 * 8,
        "weekend": WEEKS * 2 * 16,
    }


def test_teams_are_ranked_by_how_far_their_off_hours_fall_below_their_daytime(client, company, bearer):
    body = client.get(f"/api/v1/service-consistency?{RANGE}", headers=bearer("hr")).get_json()

    assert [row["team"]["name"] for row in body["teams"]] == ["Support Americas", "Support EMEA"]
    americas, emea = body["teams"]
    assert americas["off_hours"]["points"] == 30.0 and emea["off_hours"]["points"] == 5.0
    assert americas["spread"]["lower"] == "night"


def test_a_manager_sees_only_their_teams_and_another_team_is_403(client, company, bearer, make_user):
    manager = bearer("manager", make_user("manager", employee=company.manager))

    ranked = client.get(f"/api/v1/service-consistency?{RANGE}", headers=manager).get_json()
    other = client.get(f"/api/v1/teams/{company.emea.id}/service-hours?{RANGE}", headers=manager)

    assert [row["team"]["name"] for row in ranked["teams"]] == ["Support Americas"]
    assert other.status_code == 403


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("timezone=Mars/Olympus", "timezone", "IANA time zone"),
        ("timezone=", "timezone", "IANA time zone"),
        ("timezone=%20Europe/Berlin", "timezone", "IANA time zone"),
        ("outcome=speed", "outcome", "csat_pct"),
    ],
)
def test_bad_parameters_are_400_naming_the_field(client, company, bearer, query, field, words):
    response = client.get(f"/api/v1/teams/{company.americas.id}/service-hours?{query}", headers=bearer("hr"))

    assert response.status_code == 400
    assert response.get_json()["field"] == field and words in response.get_json()["error"]


def test_an_unknown_team_is_404(client, company, bearer):
    assert client.get("/api/v1/teams/9999/service-hours", headers=bearer("hr")).status_code == 404
