"""The identity providers engage trusts, as configured: Slack's OpenID Connect and any other OIDC issuer."""

from dataclasses import dataclass, field

SLACK = "slack"
OIDC = "oidc"


@dataclass(frozen=True)
class Provider:
    name: str  # the URL segment (/login/sso/<name>) and the Authlib registration
    label: str  # what the button says after "Sign in with"
    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    scopes: str
    token_auth_method: str
    # Claims the ID token must carry with exactly these values (Slack: the workspace's team id).
    required_claims: tuple[tuple[str, str], ...] = ()

    @property
    def discovery_url(self) -> str:
        return self.issuer + "/.well-known/openid-configuration"


def _all_or_none(config: dict, keys: dict[str, str], what: str) -> bool:
    """Whether every setting is there; some but not all is a mistake worth stopping for."""
    missing = [variable for key, variable in keys.items() if not config.get(key)]
    if len(missing) == len(keys):
        return False
    if missing:
        raise RuntimeError(
            f"{what} is half configured: {', '.join(missing)} not set. Set all of "
            f"{', '.join(keys.values())}, or none to turn it off."
        )
    return True


def slack_provider(config: dict) -> Provider | None:
    keys = {
        "SLACK_SSO_CLIENT_ID": "ENGAGE_SLACK_CLIENT_ID",
        "SLACK_SSO_CLIENT_SECRET": "ENGAGE_SLACK_CLIENT_SECRET",
    }
    if not _all_or_none(config, keys, "Sign in with Slack"):
        return None
    team_id = config.get("SLACK_SSO_TEAM_ID") or ""
    return Provider(
        name=SLACK,
        label="Slack",
        issuer=config["SLACK_SSO_ISSUER"].rstrip("/"),
        client_id=config["SLACK_SSO_CLIENT_ID"],
        client_secret=config["SLACK_SSO_CLIENT_SECRET"],
        scopes="openid email profile",
        # Slack's openid.connect.token takes the client's id and secret as form fields.
        token_auth_method="client_secret_post",
        required_claims=(("https://slack.com/team_id", team_id),) if team_id else (),
    )


def oidc_provider(config: dict) -> Provider | None:
    keys = {
        "OIDC_ISSUER": "ENGAGE_OIDC_ISSUER",
        "OIDC_CLIENT_ID": "ENGAGE_OIDC_CLIENT_ID",
        "OIDC_CLIENT_SECRET": "ENGAGE_OIDC_CLIENT_SECRET",
    }
    if not _all_or_none(config, keys, "OpenID Connect sign-in"):
        return None
    scopes = config.get("OIDC_SCOPES") or "openid email profile"
    if "openid" not in scopes.split():
        raise RuntimeError(f"ENGAGE_OIDC_SCOPES must include openid, got {scopes!r}")
    return Provider(
        name=OIDC,
        label=config.get("OIDC_NAME") or "single sign-on",
        issuer=config["OIDC_ISSUER"].rstrip("/"),
        client_id=config["OIDC_CLIENT_ID"],
        client_secret=config["OIDC_CLIENT_SECRET"],
        scopes=scopes,
        token_auth_method="client_secret_basic",  # the OAuth 2.0 default, which every OIDC provider takes
    )


def providers_from_config(config: dict) -> tuple[Provider, ...]:
    return tuple(p for p in (slack_provider(config), oidc_provider(config)) if p is not None)
