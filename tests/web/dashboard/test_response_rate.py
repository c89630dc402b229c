"""Response rate beside participation: on the cards, the team chart, the CSV export and the read API."""

import csv
import html as html_lib
import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.insights import rollups
from engage.models import PulseDelivery, PulseResponse, Question
from engage.web.dashboard.figures import FIELD_HELP
from tests.web.dashboard.test_pages import chart_data, series


@pytest.fixture
def unanswered(company) -> float:
    """Each Support person also gets a pulse on the Wednesday of the last week and ignores it.

    Returns Support's response rate that week: everyone still took part, but not in every pulse.
    """
    people = company.people["Support"]
    last_monday = company.first_monday + timedelta(weeks=company.weeks - 1)
    question = db.session.scalars(sa.select(Question).order_by(Question.id).limit(1)).one()
    for person in people:
        db.session.add(
            PulseDelivery(
                employee_id=person.id,
                team_id=person.team_id,
                question_id=question.id,
                pulse_date=last_monday + timedelta(days=2),
                status="sent",
                attempts=1,
            )
        )
    db.session.commit()
    answered = db.session.execute(
        sa.select(sa.func.count())
        .select_from(PulseResponse)
        .join(PulseDelivery)
        .where(PulseDelivery.team_id == company.teams["Support"].id, PulseDelivery.pulse_date == last_monday)
    ).scalar_one()
    rollups.refresh()
    return round(100 * answered / (answered + len(people)), 2)


def card(page: str, title: str) -> str:
    pattern = rf'<div class="stat-title">{title}</div>\s*<div class="stat[^"]*">(.*?)</div>'
    match = re.search(pattern, page, re.S)
    assert match, f"no {title} card"
    return match.group(1).strip()


def test_cards_show_participation_and_response_rate_and_explain_both(
    client, company, unanswered, make_user, login
):
    login(make_user("hr"))
    page = client.get(f"/dashboard/teams/{company.teams['Support'].id}").get_data(as_text=True)
    assert card(page, "Participation") == "100%"
    assert card(page, "Response rate") == f"{unanswered:.0f}%"
    text = html_lib.unescape(page)
    for help_text in FIELD_HELP.values():
        assert f'title="{help_text}"' in text
        assert help_text[1:] in text.split('id="rates-help"')[1]
    chart = chart_data(page, "team-data")
    assert series(chart, "response_rate")[-2] == unanswered
    assert series(chart, "participation")[-2] == 100.0
    assert chart["axes"]["pct"]["title"] == "%"


def test_small_team_response_rate_is_withheld(client, company, make_user, login):
    login(make_user("hr"))
    page = client.get(f"/dashboard/teams/{company.teams['Tiny'].id}").get_data(as_text=True)
    assert "withheld" in card(page, "Response rate")
    chart = chart_data(page, "team-data")
    assert series(chart, "response_rate") == [None] * len(chart["labels"])


def test_export_has_a_response_rate_column(client, company, unanswered, make_user, login):
    login(make_user("hr"))
    rows = list(csv.DictReader(io.StringIO(client.get("/dashboard/export.csv").get_data(as_text=True))))
    support = [
        row
        for row in rows
        if row["team"] == "Support" and row["engagement"] and not row["engagement"].startswith("withheld")
    ]
    assert support[-1]["participation"] == "100.0"
    assert float(support[-1]["response_rate"]) == unanswered
    tiny = {row["response_rate"] for row in rows if row["team"] == "Tiny"}
    assert tiny <= {"withheld (too few respondents)", ""}


def test_api_trend_has_response_rate_withheld_as_participation(client, company, unanswered, bearer):
    support = company.teams["Support"].id
    points = client.get(f"/api/v1/teams/{support}/trend", headers=bearer("hr")).get_json()["points"]
    shown = [p for p in points if p["participation"] is not None]
    assert shown[-1]["response_rate"] == unanswered
    assert all(p["response_rate"] == 100.0 for p in shown[:-1])  # every other pulse was answered
    tiny = company.teams["Tiny"].id
    for point in client.get(f"/api/v1/teams/{tiny}/trend", headers=bearer("hr")).get_json()["points"]:
        assert point["response_rate"] is None
        assert ("response_rate" in point["withheld_fields"]) == ("participation" in point["withheld_fields"])
    schema = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["TrendPoint"]
    assert "answered" in schema["properties"]["response_rate"]["description"]
