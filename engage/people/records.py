"""One person at a time, by the roster's rules: matched on email (any case), no manager loops."""

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee
from engage.models.base import utcnow


def person_by_email(email: str) -> Employee | None:
    return db.session.scalar(sa.select(Employee).where(sa.func.lower(Employee.email) == email.lower()))


def set_active(person: Employee, active: bool) -> None:
    """Activate or deactivate, keeping left_at (when they left) for the retention rules."""
    if person.active and not active:
        person.left_at = utcnow()
    elif active:
        person.left_at = None
    person.active = active


def manager_loop(person: Employee, manager: Employee) -> list[str] | None:
    """The emails around the loop if `person` took `manager` (who reports to them, directly or not)."""
    chain, seen = [person.email], set()
    current: Employee | None = manager
    while current is not None:
        if current is person:
            return chain + [person.email]
        if current.id in seen:
            return None  # a loop already there that does not pass through the person
        seen.add(current.id)
        chain.append(current.email)
        current = current.manager
    return None
