"""What issue 14's schemathesis run found, each held by a plain request."""

import re

import pytest

from engage.validation.dates import EARLIEST, LATEST, SUPPORTED_DATE_PATTERN


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("put", "/api/v1/teams", "GET, HEAD, OPTIONS"),
        ("delete", "/api/v1/teams/1/trend", "GET, HEAD, OPTIONS"),
        ("put", "/api/v1/ratings", "OPTIONS, POST"),
        ("delete", "/api/v1/openapi.json", "GET, HEAD, OPTIONS"),
    ],
)
def test_a_method_a_served_path_does_not_answer_is_405_listing_those_it_does(client, method, path, allowed):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response.headers["Allow"] == allowed
    assert response.get_json()["error"] == f"{path} does not answer {method.upper()}; it answers {allowed}"


def test_options_lists_only_the_methods_the_path_answers(client):
    allow = client.options("/api/v1/teams").headers["Allow"]
    assert set(allow.split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_a_path_nothing_serves_is_404_json_for_every_method(client):
    for method in ("get", "post", "put", "delete"):
        response = getattr(client, method)("/api/v1/nothing-here")
        assert response.status_code == 404
        assert response.get_json()["error"].startswith(f"there is no {method.upper()} /api/v1/nothing-here")


def test_pages_keep_their_html_404_and_405(client):
    assert b"There is nothing at this address" in client.get("/nothing-here").data
    response = client.put("/login")
    assert response.status_code == 405 and response.mimetype == "text/html"


@pytest.mark.parametrize("name", ["start", "end", "granularity", "team_id", "outcome", "page"])
def test_a_parameter_sent_empty_is_400_naming_it(client, company, bearer, name):
    response = client.get(f"/api/v1/comments?{name}=", headers=bearer("hr"))
    assert response.status_code == 400
    assert response.get_json() == {
        "error": f"{name} is empty: give a value, or leave the parameter out for its default",
        "field": name,
    }


def test_the_dashboard_still_reads_a_blank_form_field_as_the_default(client, company, make_user, login):
    login(make_user("hr"))
    assert client.get("/dashboard/heatmap?start=&end=&granularity=").status_code == 200


def test_a_daily_view_without_start_covers_the_92_days_before_end(client, company, bearer):
    response = client.get("/api/v1/org/trend?granularity=day&end=2026-03-31", headers=bearer("hr"))
    assert response.status_code == 200
    assert response.get_json()["start"] == "2025-12-29"  # 92 days before end


@pytest.mark.parametrize("team_id", ["0", "2147483648", "99999999999999999999"])
def test_a_team_id_outside_the_ids_a_team_can_have_is_400(client, company, bearer, team_id):
    response = client.get(f"/api/v1/comments?team_id={team_id}", headers=bearer("hr"))
    assert response.status_code == 400
    assert "1 to 2147483647" in response.get_json()["error"]


@pytest.mark.parametrize("day", ["20260301", "2026-W09-7", "2026-060", "2026-3-1"])
def test_only_yyyy_mm_dd_is_read_as_a_date(client, company, bearer, day):
    response = client.get(f"/api/v1/org/trend?end={day}", headers=bearer("hr"))
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.get_json()["error"]


def test_a_day_that_does_not_exist_is_400(client, company, bearer):
    response = client.get("/api/v1/org/trend?end=2026-02-30", headers=bearer("hr"))
    assert response.status_code == 400
    assert response.get_json()["field"] == "end"


def test_the_documented_date_pattern_holds_exactly_the_supported_years():
    pattern = re.compile(SUPPORTED_DATE_PATTERN)
    assert pattern.match(EARLIEST.isoformat()) and pattern.match(LATEST.isoformat())
    assert not pattern.match(f"{EARLIEST.year - 1}-12-31") and not pattern.match(f"{LATEST.year + 1}-01-01")


def test_the_document_gives_the_supported_years_and_positive_ids(client):
    document = client.get("/api/v1/openapi.json").get_json()
    parameters = {
        p["name"]: p for p in document["paths"]["/api/v1/teams/{team_id}/trend"]["get"]["parameters"]
    }
    assert parameters["start"]["schema"]["pattern"] == SUPPORTED_DATE_PATTERN
    assert parameters["end"]["schema"]["pattern"] == SUPPORTED_DATE_PATTERN
    assert parameters["team_id"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
