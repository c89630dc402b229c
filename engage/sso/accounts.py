"""The engage account a provider's identity signs in to: an existing one with that email, never a new one."""

from engage.auth.users import find_user_by_email
from engage.models import User
from engage.sso.refusals import SignInRefused
from engage.sso.signing_in import Identity


def account_for(identity: Identity) -> User:
    if identity.email_verified is False:
        raise SignInRefused(
            f"Your identity provider has not verified {identity.email}: verify it there, then sign in again."
        )
    user = find_user_by_email(identity.email)
    if user is None:
        raise SignInRefused(
            f"No engage account uses {identity.email}. Signing in does not create accounts: ask an engage "
            "administrator to create yours on the Users page."
        )
    if not user.active:
        raise SignInRefused(
            f"The engage account {identity.email} is deactivated: ask an administrator to reactivate it."
        )
    return user
