"""A served team's weekly score on its page and in the API: withheld below the anonymity threshold of
distinct raters, shown from it; only for the teams the caller may see."""

from datetime import date, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.insights import rollups
from engage.internal_service.roles import set_role
from engage.models import PulseDelivery, PulseResponse, Question
from engage.models.people import FRONT_LINE, SERVES_FRONT_LINE
from tests.conftest import PASSWORD

MONDAY = date(2026, 3, 2)
FRIDAY = MONDAY + timedelta(days=4)
RANGE = "start=2026-03-02&end=2026-03-15"


@pytest.fixture
def rated_it(make_team, make_employee, rate):
    """Four agents rate IT in the first week (2, 3, 4, 5), five in the second (all 4)."""
    support, it = make_team("Support"), make_team("IT")
    set_role(support.id, FRONT_LINE)
    set_role(it.id, SERVES_FRONT_LINE)
    agents = [make_employee(support) for _ in range(5)]
    for agent, score in zip(agents[:4], (2, 3, 4, 5), strict=True):
        rate(agent, it, FRIDAY, score)
    for agent in agents:
        rate(agent, it, FRIDAY + timedelta(weeks=1), 4)
    return it, support


def test_four_raters_are_withheld_five_are_shown_in_the_api(client, rated_it, bearer):
    it, _ = rated_it
    response = client.get(f"/api/v1/teams/{it.id}/internal-service?{RANGE}", headers=bearer("hr"))
    assert response.status_code == 200
    body = response.get_json()
    assert body["team"] == {"id": it.id, "name": "IT"} and body["serves_front_line"] is True
    assert body["weeks"] == [
        {
            "week": "2026-03-02",
            "score": None,
            "raters": None,
            "withheld": True,
            "withheld_reason": "too_few_raters",
        },
        {"week": "2026-03-09", "score": 75.0, "raters": 5, "withheld": False, "withheld_reason": None},
    ]
    assert body["against_csat"]["verdict"] == "not_enough_data"


def test_four_raters_are_withheld_five_are_shown_on_the_page(client, rated_it, make_user):
    it, _ = rated_it
    user = make_user("hr")
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    page = client.get(f"/dashboard/teams/{it.id}?{RANGE}").get_data(as_text=True)
    card = page[page.index('id="internal-service"') :]
    first_week = card[card.index('data-week="2026-03-02"') :][:300]
    second_week = card[card.index('data-week="2026-03-09"') :][:300]
    assert "withheld (fewer than 5 raters)" in first_week and "score" not in first_week
    assert '<td class="score">75</td><td>5</td>' in second_week
    assert "Not enough data yet" in card


def test_a_team_not_serving_the_front_line_has_no_card(client, rated_it, make_user):
    _, support = rated_it
    user = make_user("hr")
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    page = client.get(f"/dashboard/teams/{support.id}?{RANGE}").get_data(as_text=True)
    assert 'id="internal-service"' not in page


def test_a_manager_cannot_read_another_teams_internal_service(
    client, rated_it, bearer, make_user, make_employee
):
    it, support = rated_it
    lead = make_employee(support)
    manager = make_user("manager", employee=lead)
    response = client.get(f"/api/v1/teams/{it.id}/internal-service", headers=bearer("manager", manager))
    assert response.status_code == 403


def test_comments_show_on_the_served_teams_card_from_eight_raters_a_month_never_on_the_raters_team(
    client, make_team, make_employee, rate, bearer
):
    support, it, billing = make_team("Support"), make_team("IT"), make_team("Billing")
    agents = [make_employee(support) for _ in range(8)]
    for n, agent in enumerate(agents):
        rate(agent, it, FRIDAY, 2).comment = "VPN down during calls" if n == 0 else None
        if n < 7:
            rate(agent, billing, FRIDAY + timedelta(weeks=1), 3).comment = "Refunds slow" if n == 0 else None
    growth = db.session.scalars(
        sa.select(Question).where(Question.driver == "growth", Question.scale == "likert5")
    ).first()
    for n, agent in enumerate(agents):  # their own pulse answers, so Support's month of comments opens
        delivery = PulseDelivery(
            employee_id=agent.id, team_id=support.id, question_id=growth.id, pulse_date=FRIDAY, status="sent"
        )
        comment = "Need more training" if n == 0 else None
        db.session.add(
            PulseResponse(
                delivery=delivery,
                employee_id=agent.id,
                team_id=support.id,
                question_id=growth.id,
                score=3,
                comment=comment,
                answered_at=datetime.combine(FRIDAY, time(11)),
            )
        )
    db.session.commit()
    rollups.refresh(full=True)
    headers = bearer("hr")

    def comments(team) -> list:
        url = f"/api/v1/teams/{team.id}/internal-service?{RANGE}"
        return client.get(url, headers=headers).get_json()["comments"]

    assert comments(it) == [{"month": "2026-03", "comments": ["VPN down during calls"], "withheld": False}]
    assert comments(billing) == [{"month": "2026-03", "comments": [], "withheld": True}]
    support_comments = client.get(
        f"/api/v1/comments?team_id={support.id}&start=2026-03-01&end=2026-03-31", headers=headers
    ).get_data(as_text=True)
    assert "Need more training" in support_comments
    assert "VPN down" not in support_comments and "Refunds slow" not in support_comments
