"""Erase a person: their personal data goes, their answers and kudos stay as anonymous figures.

The employee row stays as a tombstone that holds nothing about them, so that their answers and
deliveries keep counting as one respondent of the team they were in on the day (the figures count
distinct people), and kudos keep their text. Comments, their account, their Slack conversation ids,
digests and help-desk agent email go.
"""

import logging
from dataclasses import dataclass
from typing import cast

import sqlalchemy as sa
from sqlalchemy import CursorResult

from engage import audit
from engage.extensions import db
from engage.insights import rollups
from engage.models import (
    ActionPlan,
    DigestDelivery,
    DigestPreference,
    Employee,
    PulseDelivery,
    PulseResponse,
    Rating,
    TicketOutcome,
    User,
)
from engage.models.base import utcnow

log = logging.getLogger(__name__)

ERASED_NAME = "Erased person"
ERASED_DOMAIN = "erased.invalid"


class ErasureError(ValueError):
    """The person cannot be erased; the message says why."""


class UnknownPerson(LookupError):
    """No employee has the email given."""


@dataclass(frozen=True)
class Erasure:
    employee_id: int
    comments_deleted: int
    accounts_deleted: int

    def __str__(self) -> str:
        return (
            f"employee {self.employee_id} erased: {self.comments_deleted} comment(s) and "
            f"{self.accounts_deleted} account(s) deleted; their answers and kudos stay anonymous"
        )


def find_person(email: str) -> Employee:
    """The employee with this email (any case), or UnknownPerson."""
    wanted = email.strip().lower()
    person = db.session.scalar(sa.select(Employee).where(sa.func.lower(Employee.email) == wanted))
    if person is None:
        raise UnknownPerson(f"nobody in engage has the email {email.strip()!r}; check the address")
    return person


def erase_person(person: Employee, actor: audit.Actor) -> Erasure:
    """Erase one person and log it, in one transaction, then bring the figures up to date."""
    if isinstance(actor, User) and (
        actor.employee_id == person.id or actor.email.lower() == person.email.lower()
    ):
        raise ErasureError("you cannot erase yourself; ask another administrator")
    erasure = erase_and_log(person, actor)
    rollups.refresh()  # the deleted comments leave the cached comment lists at once
    return erasure


def erase_and_log(person: Employee, actor: audit.Actor) -> Erasure:
    """Erase one person and log it in one transaction; the figures catch up on the next rollup refresh."""
    if person.erased_at is not None:
        raise ErasureError(f"employee {person.id} was already erased on {person.erased_at:%Y-%m-%d}")
    try:
        comments = delete_comments(PulseResponse.employee_id == person.id)
        accounts = _delete_accounts(person)
        _forget_traces(person)
        _scrub(person)
        erasure = Erasure(person.id, comments, accounts)
        audit.record(
            actor, "person.erase", f"employee {person.id}", f"{comments} comments, {accounts} accounts"
        )
    except Exception:
        db.session.rollback()
        raise
    log.info("%s", erasure)
    return erasure


def delete_comments(which: sa.ColumnElement[bool]) -> int:
    """Delete the comment text of the answers `which` selects; the answers and their scores stay.

    Their updated_at moves on, so the next rollup refresh renews the figures cache that lists comments.
    """
    update = sa.update(PulseResponse).where(which, PulseResponse.comment.is_not(None)).values(comment=None)
    result = db.session.execute(update, execution_options={"synchronize_session": False})
    return cast(CursorResult, result).rowcount


def _delete_accounts(person: Employee) -> int:
    users = list(
        db.session.scalars(
            sa.select(User).where(
                (User.employee_id == person.id) | (sa.func.lower(User.email) == person.email.lower())
            )
        )
    )
    for user in users:
        db.session.delete(user)  # the database deletes their API tokens and unsets their plans' author
    return len(users)


def _forget_traces(person: Employee) -> None:
    """What ties other rows to them: Slack conversations, digests, plans they own, reports, agent email."""
    db.session.execute(
        sa.update(PulseDelivery)
        .where(PulseDelivery.employee_id == person.id)
        .values(slack_channel=None, slack_ts=None, last_error=None, claimed_by=None)
    )
    db.session.execute(sa.delete(DigestDelivery).where(DigestDelivery.employee_id == person.id))
    db.session.execute(sa.delete(DigestPreference).where(DigestPreference.employee_id == person.id))
    db.session.execute(sa.update(ActionPlan).where(ActionPlan.owner_id == person.id).values(owner_id=None))
    db.session.execute(sa.update(Employee).where(Employee.manager_id == person.id).values(manager_id=None))
    for table in (Rating, TicketOutcome):
        db.session.execute(
            sa.update(table)
            .where(sa.func.lower(table.agent_email) == person.email.lower())
            .values(agent_email=None)
        )


def _scrub(person: Employee) -> None:
    person.name = ERASED_NAME
    person.email = f"erased-{person.id}@{ERASED_DOMAIN}"
    person.slack_user_id = None
    person.timezone = None
    person.manager_id = None
    person.team_id = None
    person.active = False
    person.pulse_paused = True
    person.left_at = None
    person.erased_at = utcnow()
