"""Settings read from the environment. See the configuration reference in README.md."""

import os
from pathlib import Path

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_SLACK_OIDC_ISSUER = "https://slack.com"


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise RuntimeError(f"{name} must be a whole number, got {raw!r}") from exc


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekdays(name: str, default: str) -> tuple[int, ...]:
    """A list such as "mon,tue,wed,thu,fri" as weekday numbers (Monday is 0)."""
    raw = os.environ.get(name) or default
    names = [part.strip().lower()[:3] for part in raw.split(",") if part.strip()]
    unknown = [n for n in names if n not in WEEKDAYS]
    if unknown or not names:
        raise RuntimeError(f"{name} must list days such as mon,tue,wed,thu,fri; got {raw!r}")
    return tuple(sorted({WEEKDAYS.index(n) for n in names}))


def _weekday(name: str, default: str) -> int:
    """One day such as "mon" as its weekday number (Monday is 0)."""
    raw = (os.environ.get(name) or default).strip().lower()[:3]
    if raw not in WEEKDAYS:
        raise RuntimeError(f"{name} must be one day such as mon or fri; got {os.environ.get(name)!r}")
    return WEEKDAYS.index(raw)


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise RuntimeError(f"{name} must be true or false, got {raw!r}")


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgres URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def from_environment(instance_path: str) -> dict:
    default_db = "sqlite:///" + str(Path(instance_path) / "engage.sqlite")
    api_url = os.environ.get("SLACK_API_URL") or DEFAULT_SLACK_API_URL
    if not api_url.endswith("/"):
        api_url += "/"
    return {
        # Unset: a random key kept in the instance folder (engage.security.secret_key).
        "SECRET_KEY": os.environ.get("SECRET_KEY") or None,
        # Unset: a random key kept in the instance folder (engage.security.encryption).
        "ENCRYPTION_KEY": os.environ.get("ENGAGE_ENCRYPTION_KEY") or None,
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(os.environ.get("DATABASE_URL") or default_db),
        "SLACK_BOT_TOKEN": os.environ.get("SLACK_BOT_TOKEN", ""),
        "SLACK_SIGNING_SECRET": os.environ.get("SLACK_SIGNING_SECRET", ""),
        "SLACK_APP_TOKEN": os.environ.get("SLACK_APP_TOKEN", ""),
        "SLACK_API_URL": api_url,
        "ENGAGE_TIMEZONE": os.environ.get("ENGAGE_TIMEZONE", "UTC"),
        "ANONYMITY_THRESHOLD": _int("ENGAGE_ANONYMITY_THRESHOLD", 5),
        "COMMENT_ANONYMITY_THRESHOLD": _int("ENGAGE_COMMENT_ANONYMITY_THRESHOLD", 8),
        "INSIGHTS_CACHE_ROWS": _int("ENGAGE_INSIGHTS_CACHE_ROWS", 500_000),
        "PULSE_LOCAL_HOUR": _int("ENGAGE_PULSE_HOUR", 10),
        "PULSE_WEEKDAYS": _weekdays("ENGAGE_PULSE_DAYS", "mon,tue,wed,thu,fri"),
        "DIGEST_WEEKDAY": _weekday("ENGAGE_DIGEST_DAY", "mon"),
        # Where people open engage (https://engage.example.com): links in Slack messages; unset, none.
        "ENGAGE_BASE_URL": os.environ.get("ENGAGE_BASE_URL", "").strip(),
        "PULSE_REMINDER_HOURS": _int("ENGAGE_PULSE_REMINDER_HOURS", 0),
        # An open question instead of a score question at most once in this many days a person; 0: never.
        "PULSE_OPEN_QUESTION_DAYS": _int("ENGAGE_OPEN_QUESTION_DAYS", 28),
        "PULSE_SEND_WORKERS": _int("ENGAGE_PULSE_SEND_WORKERS", 4),
        "SLACK_SENDS_PER_SECOND": _int("ENGAGE_SLACK_SENDS_PER_SECOND", 20),
        "KUDOS_DAILY_ALLOWANCE": _int("ENGAGE_KUDOS_DAILY_ALLOWANCE", 5),
        # A channel id (C...) that also gets team alerts; unset: alerts go to managers and HR by DM only.
        "ALERTS_CHANNEL": os.environ.get("ENGAGE_ALERTS_CHANNEL", "").strip(),
        "SOURCES_PULL_MINUTES": _int("ENGAGE_SOURCES_PULL_MINUTES", 15),
        "SOURCES_MAX_RETRY_AFTER": _int("ENGAGE_SOURCES_MAX_RETRY_AFTER", 60),
        "SOURCES_HTTP_TIMEOUT": _int("ENGAGE_SOURCES_HTTP_TIMEOUT", 30),
        "LOG_FORMAT": os.environ.get("ENGAGE_LOG_FORMAT", "text"),
        "MAX_CONTENT_LENGTH": _int("ENGAGE_MAX_UPLOAD_MB", 5) * 1024 * 1024,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("ENGAGE_SECURE_COOKIES", False),
        "TRUSTED_PROXIES": _int("ENGAGE_TRUSTED_PROXIES", 0),
        "RATELIMIT_STORAGE_URI": os.environ.get("ENGAGE_RATELIMIT_STORAGE_URI") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Single sign-on (engage.sso): a provider is on when its client id and secret are both set.
        "SLACK_SSO_CLIENT_ID": os.environ.get("ENGAGE_SLACK_CLIENT_ID", ""),
        "SLACK_SSO_CLIENT_SECRET": os.environ.get("ENGAGE_SLACK_CLIENT_SECRET", ""),
        "SLACK_SSO_TEAM_ID": os.environ.get("ENGAGE_SLACK_TEAM_ID", ""),
        "SLACK_SSO_ISSUER": os.environ.get("ENGAGE_SLACK_OIDC_ISSUER") or DEFAULT_SLACK_OIDC_ISSUER,
        "OIDC_ISSUER": os.environ.get("ENGAGE_OIDC_ISSUER", ""),
        "OIDC_CLIENT_ID": os.environ.get("ENGAGE_OIDC_CLIENT_ID", ""),
        "OIDC_CLIENT_SECRET": os.environ.get("ENGAGE_OIDC_CLIENT_SECRET", ""),
        "OIDC_NAME": os.environ.get("ENGAGE_OIDC_NAME") or "single sign-on",
        "OIDC_SCOPES": os.environ.get("ENGAGE_OIDC_SCOPES") or "openid email profile",
        "SSO_HTTP_TIMEOUT": _int("ENGAGE_SSO_HTTP_TIMEOUT", 10),
    }
