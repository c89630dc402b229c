"""One sign-in through a provider: send the browser there, then verify what comes back (Authlib).

Authlib keeps the state, nonce and PKCE verifier in the session, drops them on the way back (so an
answer cannot be used twice), and checks the ID token's signature against the provider's JWKS.
"""

import logging
from dataclasses import dataclass

import requests
from authlib.integrations.base_client import OAuthError
from flask import Response
from joserfc.errors import JoseError

from engage.sso.providers import Provider
from engage.sso.refusals import SignInRefused, explain
from engage.sso.registry import Registered, registered

log = logging.getLogger(__name__)

LEEWAY_SECONDS = 60  # clock difference allowed between engage and the provider


@dataclass(frozen=True)
class Identity:
    """Who the provider says signed in."""

    subject: str
    email: str
    email_verified: bool | None


def _entry(name: str) -> Registered:
    entry = registered(name)
    if entry is None:
        raise LookupError(name)
    return entry


def _check_discovery(entry: Registered) -> None:
    """The discovery document must name the configured issuer (OpenID Connect Discovery, section 4.3)."""
    found = entry.client.load_server_metadata().get("issuer")
    if found != entry.provider.issuer:
        raise SignInRefused(
            f"{entry.provider.discovery_url} names the issuer {found}, not the configured "
            f"{entry.provider.issuer}: an administrator should correct the issuer setting."
        )


def _claims_options(provider: Provider) -> dict:
    options = {
        "iss": {"essential": True, "value": provider.issuer},
        "aud": {"essential": True, "value": provider.client_id},
    }
    for claim, value in provider.required_claims:
        options[claim] = {"essential": True, "value": value}
    return options


def start_sign_in(name: str, redirect_uri: str) -> Response:
    """Redirect to the provider, with a fresh state, nonce and PKCE challenge kept in the session."""
    entry = _entry(name)
    try:
        _check_discovery(entry)
        return entry.client.authorize_redirect(redirect_uri)
    except (OAuthError, requests.RequestException) as exc:
        raise _refused(entry.provider, exc) from exc


def verified_identity(name: str) -> Identity:
    """Check the provider's answer (state, code, ID token) and say who signed in."""
    entry = _entry(name)
    try:
        _check_discovery(entry)
        token = entry.client.authorize_access_token(
            claims_options=_claims_options(entry.provider), leeway=LEEWAY_SECONDS
        )
        claims = token.get("userinfo")
        if claims is None:
            raise SignInRefused(
                f"{entry.provider.label} sent no ID token: an administrator should check that the scopes "
                "include openid."
            )
        return _identity(entry, token, claims)
    except (OAuthError, JoseError, requests.RequestException) as exc:
        raise _refused(entry.provider, exc) from exc


def _refused(provider: Provider, exc: Exception) -> SignInRefused:
    message = explain(exc, provider)
    log.warning("sign-in through %s refused: %s", provider.name, message)
    return SignInRefused(message)


def _identity(entry: Registered, token: dict, claims: dict) -> Identity:
    """The ID token's email, or else the userinfo endpoint's (Slack: openid.connect.userInfo)."""
    email, verified = claims.get("email"), claims.get("email_verified")
    if not email and entry.client.load_server_metadata().get("userinfo_endpoint"):
        info = entry.client.userinfo(token=token)
        if info.get("ok") is False:  # Slack answers errors with 200 and ok: false
            raise OAuthError(error=info.get("error", "userinfo refused"))
        if info.get("sub") != claims["sub"]:
            raise SignInRefused(f"{entry.provider.label}'s userinfo answered for another person: refused.")
        email, verified = info.get("email"), info.get("email_verified")
    if not email:
        raise SignInRefused(
            f"{entry.provider.label} did not say your email address: an administrator should add the "
            "email scope (or the email claim) for engage."
        )
    return Identity(subject=claims["sub"], email=email, email_verified=verified)
