"""The demo's internal service: Billing and IT serve the front line, and each card finds CSAT following the
front line's ratings of it 3 weeks later (planted in engage/demo/internal_service.py)."""

import sqlalchemy as sa

from engage.auth.tokens import create_token
from engage.extensions import db
from engage.models import Team


def team_id(name: str) -> int:
    return db.session.scalars(sa.select(Team.id).where(Team.name == name)).one()


def test_billing_and_it_read_a_relationship_at_lag_3(client, demo):
    headers = {"Authorization": f"Bearer {create_token('hr', 'test')}"}
    for name in ("Billing", "IT"):
        body = client.get(f"/api/v1/teams/{team_id(name)}/internal-service", headers=headers).get_json()
        assert body["serves_front_line"] is True
        found = body["against_csat"]
        assert (found["verdict"], found["best_lag"]) == ("relationship", 3), (name, found["reading"])
        assert found["teams"] == 12 and found["ci_low"] > 0
        assert [lag["lag"] for lag in found["lags"] if lag["significant"]] == [3]
        weeks = body["weeks"]
        assert len(weeks) == 27
        # the two served teams take turns: every other week is rated, by enough people to be shown
        assert [week["raters"] == 0 for week in weeks].count(True) in (13, 14)
        assert all(week["score"] is not None for week in weeks if week["raters"] != 0)


def test_the_served_teams_page_shows_the_card(client, demo):
    client.post("/login", data={"email": "hr@demo.example", "password": "demo-password"})
    page = client.get(f"/dashboard/teams/{team_id('IT')}").get_data(as_text=True)
    assert "Internal service: how well IT serves the front line" in page
    assert "Relationship at lag +3 weeks" in page
