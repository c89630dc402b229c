"""Who hears of a team's alert: its manager, HR, and the alerts channel if one is set."""

from collections import Counter

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from engage.extensions import db
from engage.models import Employee, User


def team_managers(team_id: int) -> list[str]:
    """Slack ids of the team's manager: whoever most of its members report to directly (ties: all)."""
    manager = aliased(Employee)
    rows = db.session.execute(
        sa.select(manager.id, manager.slack_user_id, manager.active)
        .join(Employee, Employee.manager_id == manager.id)
        .where(Employee.team_id == team_id, Employee.active)
    ).all()
    reports = Counter(row.id for row in rows)
    if not reports:
        return []
    most = max(reports.values())
    return sorted(
        {row.slack_user_id for row in rows if reports[row.id] == most and row.active and row.slack_user_id}
    )


def hr_people() -> list[str]:
    """Slack ids of active HR users linked to an employee in Slack."""
    return sorted(
        db.session.scalars(
            sa.select(Employee.slack_user_id)
            .join(User, User.employee_id == Employee.id)
            .where(User.role == "hr", User.active, Employee.active, Employee.slack_user_id.is_not(None))
        )
    )


def recipients(team_id: int, channel: str) -> list[str]:
    """DMs first (each person once), then the channel when one is configured."""
    people = list(dict.fromkeys(team_managers(team_id) + hr_people()))
    return people + ([channel] if channel else [])
