import hashlib
import secrets

import sqlalchemy as sa

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


def authenticate(token: str) -> ApiToken | None:
    api_token = db.session.scalar(
        sa.select(ApiToken).where(ApiToken.token_hash == _digest(token), ApiToken.revoked_at.is_(None))
    )
    if api_token is not None:
        api_token.last_used_at = utcnow()
        db.session.commit()
    return api_token
