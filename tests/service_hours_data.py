"""Two teams whose customers rate them at all hours: Americas slips at night, EMEA is steady."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee, Rating, Team

FIRST_MONDAY = date(2026, 1, 5)  # New York keeps UTC-5 throughout
WEEKS = 4
START, END = FIRST_MONDAY, FIRST_MONDAY + timedelta(weeks=WEEKS, days=-1)


@dataclass(frozen=True)
class ServiceCompany:
    americas: Team
    emea: Team
    manager: Employee  # manages the Americas team only


def _team(name: str, zone: str, manager: Employee | None = None) -> Team:
    team = Team(name=name)
    db.session.add(team)
    db.session.flush()
    for n in range(3):
        db.session.add(
            Employee(
                email=f"{name.split()[-1].lower()}{n}@example.com",
                name=f"{name} {n}",
                team_id=team.id,
                timezone=zone,
                manager_id=manager.id if manager else None,
            )
        )
    return team


def _rows(team: Team, zone_offset: int, night_every: int) -> list[dict]:
    """A rating every hour of WEEKS weeks (local time: UTC plus zone_offset hours), satisfied on all days
    but every fifth (from the first); at night (0:00-8:00 local), all but every night_every-th."""
    rows = []
    start = datetime.combine(FIRST_MONDAY, datetime.min.time()) - timedelta(hours=zone_offset)
    for i in range(WEEKS * 7 * 24):
        day, hour = divmod(i, 24)
        satisfied = day % (night_every if hour < 8 else 5) != 0
        rows.append(
            {
                "source": "test",
                "external_id": f"{team.name}-{i}",
                "kind": "csat",
                "raw_value": "good" if satisfied else "bad",
                "score": 100.0 if satisfied else 0.0,
                "satisfied": satisfied,
                "rated_at": start + timedelta(hours=i, minutes=30),
                "team_id": team.id,
            }
        )
    return rows


def seed_service_company() -> ServiceCompany:
    manager = Employee(email="manager@example.com", name="Mina Manager", timezone="America/New_York")
    db.session.add(manager)
    db.session.flush()
    americas = _team("Support Americas", "America/New_York", manager)
    emea = _team("Support EMEA", "UTC")
    rows = _rows(americas, -5, night_every=2) + _rows(emea, 0, night_every=5)
    db.session.execute(sa.insert(Rating.__table__), rows)
    db.session.commit()
    return ServiceCompany(americas, emea, manager)
