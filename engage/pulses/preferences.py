"""Pausing and resuming someone's pulses."""

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee


def employee_by_slack_id(slack_user_id: str) -> Employee | None:
    return db.session.scalar(sa.select(Employee).where(Employee.slack_user_id == slack_user_id))


def set_paused(employee: Employee, paused: bool) -> bool:
    """Set the pause flag; return whether it changed."""
    changed = employee.pulse_paused != paused
    employee.pulse_paused = paused
    db.session.commit()
    return changed
