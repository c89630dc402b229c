"""A manager (signed in on the web, linked to Slack) with a team of five, and HR."""

from dataclasses import dataclass

import pytest

from engage.models import Employee, Team, User
from tests.digests.conftest import team_of, test_config  # noqa: F401 (fixtures)
from tests.insights.conftest import answer, questions  # noqa: F401 (fixtures)


@dataclass
class Company:
    manager: Employee
    manager_user: User
    team: Team
    people: list[Employee]
    other_team: Team
    hr: User


@pytest.fixture
def company(make_employee, make_user, team_of) -> Company:  # noqa: F811 (the fixture, imported above)
    manager = make_employee(timezone="Europe/Paris")
    team, people = team_of("Support", 5, manager)
    other, _ = team_of("Sales", 5, make_employee())
    return Company(manager, make_user("manager", employee=manager), team, people, other, make_user("hr"))


def plan_form(team_id: int, **fields) -> dict:
    return {
        "team_id": str(team_id),
        "driver": "recognition",
        "action": "Weekly shout-outs in the team meeting",
        "start_date": "2026-10-05",
        "review_date": "2026-11-30",
    } | fields
