"""The audit log as admins read it: filtered, newest first, with each actor named as they are now."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.models import ApiToken, AuditEvent, User
from engage.web.csv_export import to_csv

PAGE_LIMIT = 500
CSV_HEADER = ["at_utc", "actor", "action", "target", "detail"]


@dataclass(frozen=True)
class AuditFilter:
    action: str | None = None
    start: date | None = None
    end: date | None = None  # inclusive


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    target: str
    detail: str


def actions() -> list[str]:
    """The actions the log holds, for the filter."""
    return list(db.session.scalars(sa.select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def audit_rows(wanted: AuditFilter, limit: int | None = PAGE_LIMIT) -> list[AuditRow]:
    query = sa.select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    if wanted.action:
        query = query.where(AuditEvent.action == wanted.action)
    if wanted.start:
        query = query.where(AuditEvent.at >= datetime.combine(wanted.start, time()))
    if wanted.end:
        query = query.where(AuditEvent.at < datetime.combine(wanted.end + timedelta(days=1), time()))
    events = list(db.session.scalars(query))
    names = _actor_names(events)
    return [
        AuditRow(e.at, names.get((e.actor_kind, e.actor_id), e.actor_kind), e.action, e.target, e.detail)
        for e in events
    ]


def audit_csv(rows: list[AuditRow]) -> str:
    cells = [
        [r.at.isoformat(sep=" ", timespec="seconds"), r.actor, r.action, r.target, r.detail] for r in rows
    ]
    return to_csv(CSV_HEADER, cells)


def _actor_names(events: list[AuditEvent]) -> dict[tuple[str, int | None], str]:
    """Users by their email, tokens by their name; a deleted (or erased) account only by its id."""
    user_ids = {e.actor_id for e in events if e.actor_kind == "web"}
    token_ids = {e.actor_id for e in events if e.actor_kind == "api"}
    names: dict[tuple[str, int | None], str] = {
        ("cli", None): "command line",
        ("scheduler", None): "scheduler",
    }
    names |= {("web", i): f"user #{i} (deleted)" for i in user_ids}
    names |= {("api", i): f"API token #{i} (deleted)" for i in token_ids}
    if user_ids:
        found = db.session.execute(sa.select(User.id, User.email).where(User.id.in_(user_ids)))
        names |= {("web", i): email for i, email in found}
    if token_ids:
        found = db.session.execute(sa.select(ApiToken.id, ApiToken.name).where(ApiToken.id.in_(token_ids)))
        names |= {("api", i): f"API token #{i} ({name})" for i, name in found}
    return names
