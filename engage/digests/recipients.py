"""Who gets which digest: managers their teams' (unless turned off), HR and admins the organisation's
(once turned on)."""

from dataclasses import dataclass

import sqlalchemy as sa

from engage.auth.access import Principal
from engage.extensions import db
from engage.models import DigestPreference, Employee, User

HR_ROLES = ("hr", "admin")


@dataclass(frozen=True)
class Recipient:
    employee: Employee
    kind: str  # "teams" or "organisation"

    @property
    def principal(self) -> Principal:
        """Whose view of the figures the digest shows: a manager's teams, or everything for HR."""
        return Principal("hr" if self.kind == "organisation" else "manager", self.employee.id)


def _reachable():
    return sa.and_(Employee.active.is_(True), Employee.slack_user_id.is_not(None))


def _managers():
    active = Employee.active.is_(True)
    reports = sa.select(Employee.manager_id).where(active, Employee.manager_id.is_not(None))
    return sa.select(Employee).where(_reachable(), Employee.id.in_(reports))


def _hr():
    hr_users = sa.select(User.employee_id).where(User.role.in_(HR_ROLES), User.active.is_(True))
    return sa.select(Employee).where(_reachable(), Employee.id.in_(hr_users))


def preferences() -> dict[int, bool]:
    return dict(db.session.execute(sa.select(DigestPreference.employee_id, DigestPreference.enabled)).all())


def digest_recipients() -> list[Recipient]:
    chosen = preferences()
    managers, hr = db.session.scalars(_managers()), db.session.scalars(_hr())
    teams = [Recipient(e, "teams") for e in managers if chosen.get(e.id, True)]
    return teams + [Recipient(e, "organisation") for e in hr if chosen.get(e.id, False)]


def still_wanted(employee: Employee, kind: str) -> bool:
    """At send time: still reachable, still a manager or HR, and not turned off since it was scheduled."""
    query = _managers() if kind == "teams" else _hr()
    if db.session.scalar(query.where(Employee.id == employee.id)) is None:
        return False
    return preferences().get(employee.id, kind == "teams")
