"""Why a single sign-on failed, in words that tell the person (or the admin) what to do."""

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from joserfc.errors import ClaimError, ExpiredTokenError, JoseError

from engage.sso.providers import Provider

START_AGAIN = "start again from the sign-in page"


class SignInRefused(Exception):
    """A sign-in refused; str() is the message shown on the sign-in page."""


def _claim_problem(provider: Provider, claim: str) -> str:
    if claim in ("aud", "azp"):
        return (
            f"The ID token from {provider.label} was issued to another application (its audience is not "
            "engage's client id): it was refused. An administrator should check engage's client id."
        )
    if claim == "iss":
        return f"The ID token was not issued by {provider.issuer}, the configured issuer: it was refused."
    if claim == "nonce":
        return f"The ID token does not belong to this sign-in (its nonce does not match): {START_AGAIN}."
    if claim in ("iat", "nbf"):
        return f"The ID token from {provider.label} is not valid yet: check this server's clock."
    if claim == "https://slack.com/team_id":
        return "You signed in to another Slack workspace than engage's: sign in to your company's workspace."
    return f"The ID token's {claim!r} claim is missing or wrong: it was refused."


def explain(exc: Exception, provider: Provider) -> str:
    """The message for an error raised by Authlib, joserfc or requests during a sign-in."""
    if isinstance(exc, MismatchingStateError):
        return (
            "This sign-in answer does not match a sign-in started in this browser, or was already used "
            f"(state mismatch): {START_AGAIN}."
        )
    if isinstance(exc, OAuthError):
        detail = f"{exc.error}: {exc.description}" if exc.description else str(exc.error)
        return f"{provider.label} did not sign you in ({detail}): {START_AGAIN}."
    if isinstance(exc, ExpiredTokenError):
        return (
            f"The ID token from {provider.label} has expired: {START_AGAIN}. If it keeps happening, "
            "check this server's clock."
        )
    if isinstance(exc, ClaimError):
        return _claim_problem(provider, exc.claim)
    if isinstance(exc, JoseError):
        return (
            f"The ID token from {provider.label} could not be verified with its published keys "
            f"({exc.error}): it was refused."
        )
    if isinstance(exc, requests.RequestException):
        return f"Could not reach {provider.label} at {provider.issuer}: try again in a moment."
    raise exc
