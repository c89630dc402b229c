"""Require single sign-on: password sign-in off for everyone but one break-glass administrator.

The break-glass admin keeps a password so that engage can still be reached when the identity
provider is down or misconfigured; `flask --app wsgi engage allow-passwords` is the other way back.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from engage.auth.passwords import check_password_or_dummy
from engage.auth.users import authenticate_user, find_user_by_email
from engage.extensions import db
from engage.models import Setting, User
from engage.sso.registry import configured_providers

REQUIRE_SSO = "auth.require_sso"
BREAK_GLASS = "auth.break_glass_user_id"


class PolicyError(ValueError):
    pass


@dataclass(frozen=True)
class SignInPolicy:
    require_sso: bool
    break_glass: User | None


def sign_in_policy() -> SignInPolicy:
    required = db.session.get(Setting, REQUIRE_SSO)
    if required is None or required.value != "1":
        return SignInPolicy(require_sso=False, break_glass=None)
    break_glass = db.session.get(Setting, BREAK_GLASS)
    user = db.session.get(User, int(break_glass.value)) if break_glass else None
    return SignInPolicy(require_sso=True, break_glass=user)


def _store(key: str, value: str) -> None:
    row = db.session.get(Setting, key)
    if row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value


def require_sso(break_glass_email: str) -> User:
    """Turn password sign-in off for all but the break-glass admin; returns that admin.

    Every other session ends (their users sign in again, with single sign-on), so that nobody keeps
    a session a password opened.
    """
    if not configured_providers():
        raise PolicyError(
            "No single sign-on provider is configured: set ENGAGE_SLACK_CLIENT_ID and "
            "ENGAGE_SLACK_CLIENT_SECRET, or ENGAGE_OIDC_ISSUER, ENGAGE_OIDC_CLIENT_ID and "
            "ENGAGE_OIDC_CLIENT_SECRET, restart engage, then require single sign-on."
        )
    user = find_user_by_email(break_glass_email or "")
    if user is None or user.role != "admin" or not user.active:
        raise PolicyError(
            f"The break-glass account must be an active admin account; {break_glass_email!r} is not one."
        )
    _store(REQUIRE_SSO, "1")
    _store(BREAK_GLASS, str(user.id))
    db.session.execute(
        sa.update(User)
        .where(User.id != user.id)
        .values(session_version=User.session_version + 1)
        .execution_options(synchronize_session="fetch")
    )
    db.session.commit()
    return user


def allow_passwords() -> None:
    _store(REQUIRE_SSO, "0")
    db.session.commit()


def password_sign_in(policy: SignInPolicy, email: str, password: str) -> User | None:
    """The user this password signs in, under the policy: only the break-glass admin while SSO is required."""
    if not policy.require_sso:
        return authenticate_user(email, password)
    break_glass = policy.break_glass
    if break_glass is None or break_glass.email != email.strip().lower():
        # As long as a real check, so the timing does not tell which email is the break-glass one.
        check_password_or_dummy(None, password)
        return None
    return authenticate_user(email, password)
