"""SCIM bearer tokens: their own kind, good only on /scim/v2, shown once and stored as a SHA-256."""

import hashlib
import secrets

import sqlalchemy as sa

from engage.extensions import db
from engage.models import ScimToken
from engage.models.base import utcnow

TOKEN_PREFIX = "scim_"
MAX_NAME = 100


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_scim_token(name: str) -> str:
    """Store a new token's hash and return the token itself (shown once)."""
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise ValueError(f"give the token a name of 1 to {MAX_NAME} characters (like 'Okta')")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.session.add(ScimToken(name=name, token_hash=_digest(token)))
    db.session.commit()
    return token


def authenticate_scim(token: str) -> ScimToken | None:
    scim_token = db.session.scalar(
        sa.select(ScimToken).where(ScimToken.token_hash == _digest(token), ScimToken.revoked_at.is_(None))
    )
    if scim_token is not None:
        scim_token.last_used_at = utcnow()
        db.session.commit()
    return scim_token


def list_scim_tokens() -> list[ScimToken]:
    return list(db.session.scalars(sa.select(ScimToken).order_by(ScimToken.created_at.desc(), ScimToken.id)))


def revoke_scim_token(token: ScimToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.commit()
