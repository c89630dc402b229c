"""Customer accounts that kudos credit with a save."""

import sqlalchemy as sa

from engage.extensions import db
from engage.kudos.errors import KudosRefused
from engage.models import CustomerAccount
from engage.validation.text import control_character_problem

NAME_MAX = 150


def find_account(name: str) -> CustomerAccount | None:
    return db.session.scalar(
        sa.select(CustomerAccount).where(sa.func.lower(CustomerAccount.name) == name.strip().lower())
    )


def search_accounts(text: str, limit: int = 20) -> list[CustomerAccount]:
    pattern = "%" + text.strip().lower().replace("%", r"\%").replace("_", r"\_") + "%"
    return list(
        db.session.scalars(
            sa.select(CustomerAccount)
            .where(sa.func.lower(CustomerAccount.name).like(pattern, escape="\\"))
            .order_by(CustomerAccount.name)
            .limit(limit)
        )
    )


def account_for(name: str, crm_id: str | None) -> CustomerAccount:
    """The account with this name (any case), or a new one added to the session (not committed)."""
    name = " ".join(name.split())
    crm_id = (crm_id or "").strip() or None
    if not name:
        raise KudosRefused("give the customer account a name", field="account")
    for text, field, what in ((name, "account", "the account name"), (crm_id or "", "crm_id", "the CRM id")):
        problem = control_character_problem(text, what)
        if problem:
            raise KudosRefused(problem, field=field)
    if len(name) > NAME_MAX:
        raise KudosRefused(f"the account name is too long (at most {NAME_MAX} characters)", field="account")
    if crm_id and len(crm_id) > 100:
        raise KudosRefused("the CRM id is too long (at most 100 characters)", field="crm_id")
    account = find_account(name)
    by_crm = crm_id and db.session.scalar(sa.select(CustomerAccount).where(CustomerAccount.crm_id == crm_id))
    if by_crm and by_crm is not account:
        raise KudosRefused(
            f"CRM id {crm_id} belongs to the account {by_crm.name!r}: pick that account or fix the id",
            field="crm_id",
        )
    if account is None:
        account = CustomerAccount(name=name, crm_id=crm_id)
        db.session.add(account)
    elif crm_id and account.crm_id and account.crm_id != crm_id:
        raise KudosRefused(
            f"{account.name} already has CRM id {account.crm_id}; leave the CRM id empty or fix it",
            field="crm_id",
        )
    elif crm_id:
        account.crm_id = crm_id
    return account
