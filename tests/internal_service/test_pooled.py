"""The served team's card: each front-line team's weekly rating of it against that team's CSAT %, pooled.

On tests/pooled_data.py's company (8 Ops sub-teams of 5, Sales of 5, Ops tiny of 4, 16 weeks, CSAT known
every week), every front-line person rates IT every week. Planted: a team's rating moves with its CSAT % 3
weeks later; otherwise ratings are noise.
"""

from datetime import timedelta

import numpy as np
import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.internal_service.roles import set_role
from engage.models import Employee, Team
from engage.models.people import FRONT_LINE, SERVES_FRONT_LINE
from tests.pooled_data import LINKED, WEEKS

FRONT = [*LINKED, "Sales", "Ops tiny"]


@pytest.fixture
def it(pooled_company, make_team):
    team = make_team("IT")
    set_role(team.id, SERVES_FRONT_LINE)
    for name in ("Ops", "Sales"):
        set_role(pooled_company.teams[name].id, FRONT_LINE)
    return team


def rate_weekly(company, it: Team, rate, score_of) -> None:
    """score_of(team name, week, rng) -> the team's usual-relative rating that week (1-5 scale)."""
    rng = np.random.default_rng(5)
    for name in FRONT:
        members = db.session.scalars(
            sa.select(Employee).where(Employee.team_id == company.teams[name].id)
        ).all()
        for week in range(WEEKS):
            level = score_of(name, week, rng)
            for person in members:
                score = int(np.clip(round(level + rng.normal(0, 0.4)), 1, 5))
                rate(person, it, company.first + timedelta(weeks=week, days=4), score, commit=False)
    db.session.commit()


def internal_service(client, it, company, bearer) -> dict:
    query = f"start={company.first}&end={company.last}"
    response = client.get(f"/api/v1/teams/{it.id}/internal-service?{query}", headers=bearer("hr"))
    assert response.status_code == 200
    return response.get_json()["against_csat"]


def test_csat_following_the_ratings_three_weeks_later_is_found_at_lag_3(
    client, pooled_company, it, rate, bearer
):
    def planted(name: str, week: int, rng) -> float:
        csat = pooled_company.csat_pct(name)
        later = csat[week + 3] if week + 3 < WEEKS else csat.mean()
        return 3 + 1.2 * (later - csat.mean()) / csat.std()

    rate_weekly(pooled_company, it, rate, planted)
    found = internal_service(client, it, pooled_company, bearer)
    assert (found["verdict"], found["best_lag"]) == ("relationship", 3)
    assert found["effect_per_10_points"] > 0 and found["ci_low"] > 0
    # Ops tiny's 4 raters never reach the threshold: its ratings take no part
    assert found["teams"] == 9
    assert found["reading"].startswith("Across 9 front-line teams")
    assert "CSAT tends to follow the service from IT by about 3 weeks" in found["reading"]


def test_ratings_unrelated_to_csat_give_not_enough_evidence(client, pooled_company, it, rate, bearer):
    rate_weekly(pooled_company, it, rate, lambda name, week, rng: 3 + rng.normal(0, 0.8))
    found = internal_service(client, it, pooled_company, bearer)
    assert found["verdict"] == "no_reliable_relationship" and found["best_lag"] is None
    assert found["reading"].startswith("Not enough evidence yet: pooling 9 front-line teams")
