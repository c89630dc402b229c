import hashlib
import secrets
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from engage.extensions import db
from engage.models import ROLES, ApiToken, User
from engage.models.base import utcnow

TOKEN_PREFIX = "eng_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(role: str, name: str, user: User | None = None) -> str:
    """Store a new token's hash and return the token itself (shown once)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if role == "manager" and user is None:
        raise ValueError("a manager token must belong to a manager user (--user EMAIL)")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.session.add(ApiToken(name=name, role=role, user=user, token_hash=_digest(token)))
    db.session.commit()
    return token


class Bearer(NamedTuple):
    """A valid token as a request needs it: read in the statement that marks it used."""

    id: int
    name: str
    role: str
    user_id: int | None
    employee_id: int | None


def authenticate(token: str) -> Bearer | None:
    """The unrevoked token with this value, its last use set to now (committed); None if there is none."""
    owner = aliased(User, name="owner")
    employee_id = sa.select(owner.employee_id).where(owner.id == ApiToken.user_id).scalar_subquery()
    used = (
        sa.update(ApiToken)
        .where(ApiToken.token_hash == _digest(token), ApiToken.revoked_at.is_(None))
        .values(last_used_at=utcnow())
        .returning(ApiToken.id, ApiToken.name, ApiToken.role, ApiToken.user_id, employee_id)
        .execution_options(synchronize_session=False)
    )
    row = db.session.execute(used).first()
    db.session.commit()
    return None if row is None else Bearer(*row)
