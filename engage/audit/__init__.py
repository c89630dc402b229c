"""The audit log of admin actions: each action that changes settings, people, accounts or imports, or
exports data, calls record() once it is done."""

import logging

from engage.auth.tokens import Bearer
from engage.extensions import db
from engage.models import ApiToken, AuditEvent, User

log = logging.getLogger(__name__)

Actor = User | ApiToken | Bearer | str  # a str: "cli" or "scheduler"


def record(actor: Actor, action: str, target: str = "", detail: str = "") -> AuditEvent:
    """Add the event to the action's transaction and commit both: an action is never logged half done.

    target names the record by kind and id ("employee 12"), never by the person's data.
    """
    kind, actor_id = _who(actor)
    event = AuditEvent(
        actor_kind=kind, actor_id=actor_id, action=action, target=target[:120], detail=detail[:300]
    )
    db.session.add(event)
    db.session.commit()
    log.info("audit: %s on %r by %s %s", action, target, kind, actor_id)
    return event


def _who(actor: Actor) -> tuple[str, int | None]:
    if isinstance(actor, User):
        return "web", actor.id
    if isinstance(actor, ApiToken | Bearer):
        return "api", actor.id
    if actor in ("cli", "scheduler"):
        return actor, None
    raise ValueError(f"unknown audit actor {actor!r}: give a User, an ApiToken, 'cli' or 'scheduler'")
