import sqlalchemy as sa

from engage.extensions import db
from engage.models import ROLES, Employee, User


class UserError(ValueError):
    pass


def create_user(email: str, password: str, role: str, employee: Employee | None = None) -> User:
    email = email.strip().lower()
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if len(password) < 8:
        raise UserError("the password must have at least 8 characters")
    if role == "manager" and employee is None:
        raise UserError("a manager account must be linked to their employee record")
    if db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise UserError(f"a user with email {email} already exists")
    user = User(email=email, role=role, employee=employee)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
