import sqlalchemy as sa

from engage.auth.passwords import check_password_or_dummy, password_problem
from engage.extensions import db
from engage.models import ROLES, ApiToken, Employee, User
from engage.models.base import utcnow


class UserError(ValueError):
    pass


def create_user(email: str, password: str, role: str, employee: Employee | None = None) -> User:
    email = email.strip().lower()
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if problem := password_problem(password):
        raise UserError(problem)
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


def authenticate_user(email: str, password: str) -> User | None:
    """The active user with this email and password; unknown and deactivated accounts cost as much."""
    user = find_user_by_email(email)
    usable = user if user is not None and user.active else None
    if check_password_or_dummy(usable.password_hash if usable else None, password):
        return user
    return None


def change_password(user: User, password: str) -> None:
    """Set a new password and sign out every session of the user."""
    if problem := password_problem(password):
        raise UserError(problem)
    user.set_password(password)
    db.session.commit()


def end_sessions(user: User) -> None:
    user.end_sessions()
    db.session.commit()


def list_users() -> list[User]:
    return list(db.session.scalars(sa.select(User).order_by(User.active.desc(), User.email)))


def set_user_active(user: User, active: bool) -> None:
    """Turn a web account on or off; turning it off also revokes its API tokens."""
    user.active = active
    if not active:
        user.end_sessions()
        db.session.execute(
            sa.update(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
    db.session.commit()
