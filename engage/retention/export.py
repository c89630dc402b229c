"""Everything engage holds about one person, as JSON-ready data, for a subject access request."""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from engage.extensions import db
from engage.models import (
    ActionPlan,
    ApiToken,
    DigestDelivery,
    DigestPreference,
    Employee,
    Kudos,
    KudosRecipient,
    PulseDelivery,
    PulseResponse,
    Rating,
    TicketOutcome,
    User,
    driver_label,
)
from engage.models.base import utcnow
from engage.people.directory import team_path

FORMAT_VERSION = 1


def person_data(person: Employee) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "exported_at": _iso(utcnow()),
        "person": _person(person),
        "web_accounts": _accounts(person),
        "pulses_sent": _deliveries(person),
        "answers": _answers(person),
        "kudos_given": _kudos_given(person),
        "kudos_received": _kudos_received(person),
        "digests": _digests(person),
        "action_plans_owned": _plans(person),
        "help_desk_ratings_as_agent": _agent_rows(Rating, person),
        "help_desk_tickets_as_agent": _agent_rows(TicketOutcome, person),
    }


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _person(person: Employee) -> dict[str, Any]:
    return {
        "id": person.id,
        "email": person.email,
        "name": person.name,
        "slack_user_id": person.slack_user_id,
        "team": team_path(person.team) if person.team else None,
        "manager": person.manager.name if person.manager else None,
        "timezone": person.timezone,
        "active": person.active,
        "pulses_paused": person.pulse_paused,
        "left_at": _iso(person.left_at),
        "erased_at": _iso(person.erased_at),
        "created_at": _iso(person.created_at),
        "updated_at": _iso(person.updated_at),
    }


def _accounts(person: Employee) -> list[dict[str, Any]]:
    users = db.session.scalars(
        sa.select(User)
        .where((User.employee_id == person.id) | (sa.func.lower(User.email) == person.email.lower()))
        .order_by(User.id)
    )
    return [
        {
            "email": user.email,
            "role": user.role,
            "active": user.active,
            "created_at": _iso(user.created_at),
            "api_tokens": [
                {
                    "name": t.name,
                    "role": t.role,
                    "created_at": _iso(t.created_at),
                    "revoked_at": _iso(t.revoked_at),
                }
                for t in db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == user.id))
            ],
        }
        for user in users
    ]


def _deliveries(person: Employee) -> list[dict[str, Any]]:
    deliveries = db.session.scalars(
        sa.select(PulseDelivery)
        .options(joinedload(PulseDelivery.question), joinedload(PulseDelivery.served_team))
        .where(PulseDelivery.employee_id == person.id)
        .order_by(PulseDelivery.pulse_date, PulseDelivery.id)
    )
    return [
        {
            "date": _iso(d.pulse_date),
            "question": d.question_text,
            "status": d.status,
            "sent_at": _iso(d.sent_at),
        }
        for d in deliveries
    ]


def _answers(person: Employee) -> list[dict[str, Any]]:
    answers = db.session.scalars(
        sa.select(PulseResponse)
        .options(joinedload(PulseResponse.question), joinedload(PulseResponse.delivery))
        .where(PulseResponse.employee_id == person.id)
        .order_by(PulseResponse.answered_at, PulseResponse.id)
    )
    return [
        {
            "date": _iso(a.delivery.pulse_date),
            "question": a.delivery.question_text,
            "driver": driver_label(a.question.driver),
            "score": a.score,
            "comment": a.comment,
            "answered_at": _iso(a.answered_at),
        }
        for a in answers
    ]


def _kudos(k: Kudos) -> dict[str, Any]:
    return {
        "date": _iso(k.created_at),
        "from": k.giver.name,
        "to": [r.employee.name for r in k.recipients],
        "message": k.message,
        "value": k.value.name if k.value else None,
        "account": k.account.name if k.account else None,
    }


def _kudos_given(person: Employee) -> list[dict[str, Any]]:
    given = db.session.scalars(sa.select(Kudos).where(Kudos.giver_id == person.id).order_by(Kudos.created_at))
    return [_kudos(k) for k in given]


def _kudos_received(person: Employee) -> list[dict[str, Any]]:
    received = db.session.scalars(
        sa.select(Kudos)
        .join(KudosRecipient, KudosRecipient.kudos_id == Kudos.id)
        .where(KudosRecipient.employee_id == person.id)
        .order_by(Kudos.created_at)
    )
    return [_kudos(k) for k in received]


def _digests(person: Employee) -> dict[str, Any]:
    preference = db.session.get(DigestPreference, person.id)
    sent = db.session.scalars(
        sa.select(DigestDelivery)
        .where(DigestDelivery.employee_id == person.id)
        .order_by(DigestDelivery.digest_date)
    )
    return {
        "enabled": None if preference is None else preference.enabled,
        "deliveries": [
            {"kind": d.kind, "date": _iso(d.digest_date), "status": d.status, "sent_at": _iso(d.sent_at)}
            for d in sent
        ],
    }


def _plans(person: Employee) -> list[dict[str, Any]]:
    plans = db.session.scalars(
        sa.select(ActionPlan).where(ActionPlan.owner_id == person.id).order_by(ActionPlan.start_date)
    )
    return [
        {
            "team": p.team.name,
            "driver": driver_label(p.driver),
            "action": p.action,
            "start_date": _iso(p.start_date),
            "review_date": _iso(p.review_date),
            "status": p.status,
        }
        for p in plans
    ]


def _agent_rows(model: type[Rating] | type[TicketOutcome], person: Employee) -> list[dict[str, Any]]:
    """Help-desk rows credited to them by their email (the rating's comment is the customer's)."""
    when = model.rated_at if model is Rating else TicketOutcome.solved_at
    rows = db.session.execute(
        sa.select(model.source, model.external_id, when)
        .where(sa.func.lower(model.agent_email) == person.email.lower())
        .order_by(model.id)
    )
    return [
        {"source": source, "external_id": external_id, when.key: _iso(at)} for source, external_id, at in rows
    ]
