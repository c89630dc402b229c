"""Add, change, pause and delete help-desk sources; credentials are checked before anything is saved."""

import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Rating, RatingSource, TeamMapping, TicketOutcome
from engage.models.base import utcnow
from engage.security.encryption import encrypt
from engage.sources.connectors import CONNECTORS, make_connector
from engage.sources.connectors.base import Credentials
from engage.sources.credentials import credentials_of
from engage.sources.http import SourceError

log = logging.getLogger(__name__)

NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,49}$")


class SourceRejected(ValueError):
    """What to fix before the source can be saved."""


@dataclass(frozen=True)
class NewSource:
    kind: str
    name: str
    base_url: str
    token: str
    email: str | None = None
    account_id: str | None = None
    since: datetime | None = None


def _checked_url(url: str) -> str:
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourceRejected(
            f"the address must start with https:// (e.g. https://acme.zendesk.com), got {url!r}"
        )
    return url


def _check(kind: str, credentials: Credentials) -> str:
    try:
        return make_connector(kind, credentials).check()
    except SourceError as exc:
        raise SourceRejected(str(exc)) from None


def _hint(token: str) -> str:
    return token[-4:] if len(token) >= 12 else ""


def add_source(new: NewSource, now: datetime) -> RatingSource:
    name = new.name.strip().lower()
    if new.kind not in CONNECTORS:
        raise SourceRejected(f"kind must be one of {', '.join(CONNECTORS)}, got {new.kind!r}")
    if not NAME.match(name):
        raise SourceRejected(
            "the name must be 1-50 lowercase letters, digits, '-', '_' or '.' (e.g. zendesk)"
        )
    if db.session.scalar(sa.select(RatingSource.id).where(RatingSource.name == name)) is not None:
        raise SourceRejected(f"there is already a source named {name}: choose another name")
    if not new.token.strip():
        raise SourceRejected("give the help desk's API token")
    if new.since is not None and new.since > now:
        raise SourceRejected("the first import cannot start in the future: give a date up to today")
    credentials = Credentials(
        _checked_url(new.base_url),
        new.token.strip(),
        (new.email or "").strip() or None,
        (new.account_id or "").strip() or None,
    )
    signed_in_as = _check(new.kind, credentials)
    source = RatingSource(
        name=name,
        kind=new.kind,
        base_url=credentials.base_url,
        email=credentials.email,
        account_id=credentials.account_id,
        token_encrypted=encrypt(credentials.token),
        token_hint=_hint(credentials.token),
        since=new.since or now.replace(hour=0, minute=0, second=0, microsecond=0),
        webhook_secret_encrypted=encrypt(secrets.token_urlsafe(24)) if new.kind == "chatwoot" else None,
        groups=[],
        paused=False,
        failures=0,
        pulled=0,
        created=0,
        updated=0,
        unmapped=0,
    )
    db.session.add(source)
    db.session.commit()
    log.info(
        "source %s (%s at %s) added, signed in as %s", name, new.kind, credentials.base_url, signed_in_as
    )
    return source


def change_token(source: RatingSource, token: str, email: str | None = None) -> None:
    """Check and store a new token (and, for Zendesk, email); clears the back-off so the next pull runs."""
    current = credentials_of(source)
    email = (email or "").strip() or current.email
    if not token.strip():
        raise SourceRejected("give the new API token")
    _check(source.kind, Credentials(current.base_url, token.strip(), email, current.account_id))
    token = token.strip()
    source.token_encrypted, source.token_hint, source.email = encrypt(token), _hint(token), email
    source.failures, source.next_try_at = 0, None
    db.session.commit()


def set_webhook_secret(source: RatingSource, secret: str) -> None:
    if len(secret.strip()) < 16:
        raise SourceRejected(
            "the webhook signing secret is at least 16 characters: copy it from the help desk"
        )
    source.webhook_secret_encrypted = encrypt(secret.strip())
    db.session.commit()


def set_paused(source: RatingSource, paused: bool) -> None:
    source.paused = paused
    db.session.commit()


def restart_from_since(source: RatingSource) -> None:
    """Pull everything again from the first import's date: e.g. after mapping more groups to teams."""
    source.cursor, source.next_try_at, source.pull_requested_at = None, None, utcnow()
    db.session.commit()


def delete_source(source: RatingSource) -> None:
    """Forget the source and its credentials; the ratings it brought stay."""
    db.session.delete(source)
    db.session.commit()


def list_sources() -> list[RatingSource]:
    return list(db.session.scalars(sa.select(RatingSource).order_by(RatingSource.name)))


def find_source(name: str) -> RatingSource | None:
    return db.session.scalar(sa.select(RatingSource).where(RatingSource.name == name.strip().lower()))


def ratings_per_source() -> dict[str, int]:
    return dict(db.session.execute(sa.select(Rating.source, sa.func.count()).group_by(Rating.source)).all())


def tickets_per_source() -> dict[str, int]:
    """Solved tickets stored (for first-contact resolution), per source."""
    return dict(
        db.session.execute(
            sa.select(TicketOutcome.source, sa.func.count()).group_by(TicketOutcome.source)
        ).all()
    )


def unmapped_groups() -> dict[str, list[str]]:
    """Per source, the help desk's groups (as its last pull listed them) not yet mapped to a team."""
    mapped = {
        (source, group.casefold())
        for source, group in db.session.execute(sa.select(TeamMapping.source, TeamMapping.external_group))
    }
    return {
        source.name: [g for g in source.groups if (source.name, g.casefold()) not in mapped]
        for source in list_sources()
    }
