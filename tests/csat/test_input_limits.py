"""Ratings input that must be refused with what to fix: years out of range, the future, control
characters, bodies nested too deep; and a file with many problems lists the first 100."""

import html
import io
from datetime import timedelta

import pytest

from engage.auth.tokens import create_token
from engage.models.base import utcnow
from tests.csat.conftest import HEADER

OUT_OF_RANGE = ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"]


@pytest.fixture
def hr_token(app) -> dict:
    return {"Authorization": f"Bearer {create_token('hr', 'test')}"}


def _rating(**fields) -> dict:
    return {
        "source": "intercom",
        "external_id": "c-1",
        "rated_at": "2026-03-02T09:00:00+02:00",
        "kind": "csat",
        "value": 4,
        "team": "Support",
    } | fields


def _line(external_id: str, rated_at: str, team: str = "Support") -> str:
    return f"zendesk,{external_id},{rated_at},csat,4,,{team},,"


def _iso(moment) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"


@pytest.mark.parametrize("rated_at", OUT_OF_RANGE)
def test_api_rated_at_outside_the_supported_years_is_422_at_its_index(
    client, make_team, hr_token, ratings, rated_at
):
    make_team("Support")
    body = {"ratings": [_rating(), _rating(external_id="c-2", rated_at=rated_at)]}
    response = client.post("/api/v1/ratings", json=body, headers=hr_token)
    assert response.status_code == 422
    [error] = response.get_json()["errors"]
    assert (error["index"], error["field"]) == (1, "rated_at")
    assert "is outside the years engage accepts (2000-2100)" in error["message"]
    assert ratings() == {}


@pytest.mark.parametrize("rated_at", OUT_OF_RANGE)
def test_csv_rated_at_outside_the_supported_years_is_a_line_error(
    runner, make_team, csv_file, ratings, rated_at
):
    make_team("Support")
    path = csv_file(HEADER, _line("1", "2026-03-02T09:00:00Z"), _line("2", rated_at))
    result = runner.invoke(args=["engage", "import-ratings", path])
    assert result.exit_code != 0
    assert "line 3, rated_at: rated_at " in result.output
    assert "is outside the years engage accepts (2000-2100)" in result.output
    assert ratings() == {}


def test_ratings_more_than_a_day_ahead_are_refused_with_their_line(runner, make_team, csv_file, ratings):
    make_team("Support")
    now = utcnow()
    path = csv_file(
        HEADER, _line("soon", _iso(now + timedelta(hours=20))), _line("later", _iso(now + timedelta(days=2)))
    )
    result = runner.invoke(args=["engage", "import-ratings", path])
    assert result.exit_code != 0
    assert "line 3, rated_at: rated_at " in result.output
    assert "is in the future" in result.output
    assert "line 2" not in result.output
    assert ratings() == {}


def test_api_ratings_in_the_future_are_refused_with_their_index(client, make_team, hr_token, ratings):
    make_team("Support")
    now = utcnow()
    body = {
        "ratings": [
            _rating(external_id="later", rated_at=_iso(now + timedelta(days=3))),
            _rating(external_id="skew", rated_at=_iso(now + timedelta(hours=12))),
        ]
    }
    response = client.post("/api/v1/ratings", json=body, headers=hr_token)
    assert response.status_code == 422
    assert [(e["index"], e["field"]) for e in response.get_json()["errors"]] == [(0, "rated_at")]
    assert "in the future" in response.get_json()["errors"][0]["message"]
    body["ratings"].pop(0)
    assert client.post("/api/v1/ratings", json=body, headers=hr_token).status_code == 201


def test_a_body_nested_deeper_than_python_can_parse_is_400(client, hr_token, ratings):
    body = '{"ratings": ' + "[" * 100_000 + "]" * 100_000 + "}"
    headers = hr_token | {"Content-Type": "application/json"}
    response = client.post("/api/v1/ratings", data=body, headers=headers)
    assert response.status_code == 400
    assert "nested too deeply" in response.get_json()["error"]
    assert ratings() == {}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("team", "Sup\x00port"),
        ("external_id", "c-\x1b[31m9"),
        ("source", "zen\u202edesk"),
        ("group", "Tier\t1"),
    ],
)
def test_api_text_fields_with_control_characters_are_refused(
    client, make_team, hr_token, ratings, field, value
):
    make_team("Support")
    response = client.post("/api/v1/ratings", json={"ratings": [_rating(**{field: value})]}, headers=hr_token)
    assert response.status_code == 422
    [error] = response.get_json()["errors"]
    assert (error["index"], error["field"]) == (0, field)
    assert "control character" in error["message"]
    assert ratings() == {}


def test_csv_with_many_problems_lists_the_first_100_and_counts_the_rest(
    client, runner, make_team, make_user, login, csv_file, ratings
):
    make_team("Support")
    lines = [_line(str(n), "0001-01-01T00:00:00+01:00") for n in range(250)]
    result = runner.invoke(args=["engage", "import-ratings", csv_file(HEADER, *lines)])
    assert result.output.count("rated_at: rated_at") == 100
    assert "... and 150 more" in result.output
    assert "nothing imported: 250 problem(s) to fix" in result.output
    login(make_user("hr"))
    upload = io.BytesIO("\n".join([HEADER, *lines]).encode())
    response = client.post(
        "/ratings/import", data={"file": (upload, "ratings.csv")}, content_type="multipart/form-data"
    )
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert page.count("is outside the years engage accepts") == 100
    assert "... and 150 more." in page
