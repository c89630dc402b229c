"""How each side is named: the author sees the replier's role (and name if they sign); the replier never
sees anything of the author."""

from engage.extensions import db
from engage.models import Employee, User

AUTHOR = "The comment's author"
MAX_CHAIN = 50


def reports_to(employee: Employee, manager_id: int) -> bool:
    """Whether manager_id is above the employee in the reporting line (directly or not)."""
    current, seen = employee.manager_id, set[int]()
    while current is not None and current not in seen and len(seen) < MAX_CHAIN:
        if current == manager_id:
            return True
        seen.add(current)
        boss = db.session.get(Employee, current)
        current = boss.manager_id if boss else None
    return False


def replier_label(user: User, author: Employee) -> str:
    """The replier as the author reads it: "Your manager", "A manager in your reporting line", "HR"."""
    if user.role == "manager":
        if user.employee_id is not None and author.manager_id == user.employee_id:
            return "Your manager"
        if user.employee_id is not None and reports_to(author, user.employee_id):
            return "A manager in your reporting line"
        return "A manager"
    return "HR" if user.role == "hr" else "An engage administrator"


def signature(user: User) -> str:
    """The name a replier signs with: their employee record's name, else their sign-in email."""
    return user.employee.name if user.employee is not None else user.email
