"""Give kudos: the one use-case the slash command, the modal and the shortcut all call."""

import logging
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from engage.extensions import db
from engage.kudos import rules
from engage.kudos.accounts import account_for
from engage.kudos.errors import KudosRefused
from engage.kudos.settings import get_settings
from engage.models import CustomerAccount, Employee, Kudos, KudosRecipient

log = logging.getLogger(__name__)


@dataclass
class KudosRequest:
    giver_slack_id: str
    recipient_slack_ids: list[str]
    message: str | None
    dedupe_key: str
    value_id: int | None = None
    account_id: int | None = None
    account_name: str | None = None
    crm_id: str | None = None
    revenue: str | None = None
    currency: str | None = None
    source_message_url: str | None = None


@dataclass(frozen=True)
class GiveResult:
    kudos: Kudos
    created: bool


def give_kudos(req: KudosRequest) -> GiveResult:
    """Record kudos, or raise KudosRefused; a request seen before returns the kudos it recorded."""
    existing = _by_dedupe_key(req.dedupe_key)
    if existing is not None:
        return GiveResult(existing, created=False)
    try:
        kudos = _build(req)
        db.session.add(kudos)
        db.session.commit()
    except KudosRefused:
        db.session.rollback()
        raise
    except IntegrityError:
        db.session.rollback()
        existing = _by_dedupe_key(req.dedupe_key)
        if existing is None:
            raise
        return GiveResult(existing, created=False)
    log.info(
        "kudos %s from employee %s to %s", kudos.id, kudos.giver_id, [r.employee_id for r in kudos.recipients]
    )
    return GiveResult(kudos, created=True)


def _build(req: KudosRequest) -> Kudos:
    giver = rules.check_giver(_employees([req.giver_slack_id]).get(req.giver_slack_id), req.giver_slack_id)
    slack_ids = list(dict.fromkeys(s.strip() for s in req.recipient_slack_ids if s.strip()))
    recipients = rules.check_recipients(giver, slack_ids, _employees(slack_ids))
    message = rules.check_message(req.message)
    value = rules.check_value(req.value_id)
    revenue = rules.parse_revenue(req.revenue)
    account = _account(req)
    if revenue is not None and account is None:
        raise KudosRefused(
            "Revenue kept needs the customer account it was kept on: add the account.", field="revenue"
        )
    currency = rules.parse_currency(req.currency) if revenue is not None else None
    rules.check_allowance(
        giver, len(recipients), get_settings().daily_allowance, current_app.config["ENGAGE_TIMEZONE"]
    )
    kudos = Kudos(
        giver=giver,
        giver_team_id=giver.team_id,
        message=message,
        value=value,
        account=account,
        revenue_kept=revenue,
        currency=currency,
        source_message_url=req.source_message_url,
        slack_dedupe_key=req.dedupe_key,
    )
    kudos.recipients = [KudosRecipient(employee=r, team_id=r.team_id) for r in recipients]
    return kudos


def _account(req: KudosRequest) -> CustomerAccount | None:
    if req.account_id is not None:
        account = db.session.get(CustomerAccount, req.account_id)
        if account is None:
            raise KudosRefused("That customer account no longer exists: pick it again.", field="account")
        return account
    if req.account_name and req.account_name.strip():
        return account_for(req.account_name, req.crm_id)
    if req.crm_id and req.crm_id.strip():
        raise KudosRefused("A CRM id needs the account name too.", field="crm_id")
    return None


def _employees(slack_ids: list[str]) -> dict[str, Employee]:
    if not slack_ids:
        return {}
    rows = db.session.scalars(sa.select(Employee).where(Employee.slack_user_id.in_(slack_ids)))
    return {e.slack_user_id: e for e in rows if e.slack_user_id is not None}


def _by_dedupe_key(key: str) -> Kudos | None:
    return db.session.scalar(sa.select(Kudos).where(Kudos.slack_dedupe_key == key))


def giver_for(slack_user_id: str) -> Employee:
    """The active employee behind a Slack user, or KudosRefused telling them to ask HR."""
    return rules.check_giver(_employees([slack_user_id]).get(slack_user_id), slack_user_id)
