"""Checks on what a kudos says, each refusing with a message that says what to fix."""

from datetime import datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from babel.numbers import is_currency

from engage.extensions import db
from engage.kudos.errors import KudosRefused
from engage.models import CompanyValue, Employee, Kudos, KudosRecipient
from engage.validation.text import clean_comment

MESSAGE_MAX = 3000
REVENUE_MAX = Decimal("999999999999.99")


def check_giver(giver: Employee | None, slack_user_id: str) -> Employee:
    if giver is None or not giver.active:
        raise KudosRefused(
            f"You are not in the engage roster yet, so you can't give kudos: ask HR to add you "
            f"(your Slack id is {slack_user_id})."
        )
    return giver


def check_recipients(giver: Employee, slack_ids: list[str], known: dict[str, Employee]) -> list[Employee]:
    """Bots are never in the roster, so they are refused with everyone else who is not."""
    if not slack_ids:
        raise KudosRefused("Say who the kudos is for: mention at least one person.", field="recipients")
    if giver.slack_user_id in slack_ids:
        raise KudosRefused("You can't give kudos to yourself: pick someone else.", field="recipients")
    unknown = [s for s in slack_ids if s not in known]
    if unknown:
        raise KudosRefused(
            f"{_mentions(unknown)}: not in the engage roster (bots and people HR hasn't added can't "
            f"receive kudos). Leave them out, or ask HR to add them.",
            field="recipients",
        )
    inactive = [s for s in slack_ids if not known[s].active]
    if inactive:
        raise KudosRefused(
            f"{_mentions(inactive)}: no longer an active employee, so can't receive kudos.",
            field="recipients",
        )
    return [known[s] for s in slack_ids]


def check_message(message: str | None) -> str:
    message = clean_comment(message or "").strip()
    if not message:
        raise KudosRefused("Say what the kudos is for: the reason can't be empty.", field="message")
    if len(message) > MESSAGE_MAX:
        raise KudosRefused(
            f"The reason is too long: keep it under {MESSAGE_MAX} characters.", field="message"
        )
    return message


def check_value(value_id: int | None) -> CompanyValue | None:
    if value_id is None:
        return None
    value = db.session.get(CompanyValue, value_id)
    if value is None or not value.active:
        raise KudosRefused("That company value is no longer offered: pick another.", field="value")
    return value


def parse_revenue(raw: str | None) -> Decimal | None:
    text = (raw or "").strip().replace(",", "").replace("_", "").replace(" ", "")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise KudosRefused(
            f"Revenue kept must be a number like 12000 or 12,000.50 (not {(raw or '').strip()!r}); "
            f"pick the currency separately.",
            field="revenue",
        )
    if amount < 0:
        raise KudosRefused("Revenue kept can't be negative.", field="revenue")
    if amount > REVENUE_MAX or amount != amount.quantize(Decimal("0.01")):
        raise KudosRefused("Revenue kept must be under a trillion, with at most 2 decimals.", field="revenue")
    return amount.quantize(Decimal("0.01"))


def parse_currency(raw: str | None) -> str:
    code = (raw or "").strip().upper() or "USD"
    if len(code) != 3 or not is_currency(code):
        raise KudosRefused(
            f"{raw!r} is not an ISO 4217 currency code: use three letters like USD, EUR, GBP.",
            field="currency",
        )
    return code


def check_allowance(giver: Employee, new_recipients: int, allowance: int, default_tz: str) -> None:
    """Each person thanked counts once against the giver's allowance for their local day."""
    given = db.session.execute(
        sa.select(sa.func.count(KudosRecipient.id))
        .join(Kudos, KudosRecipient.kudos_id == Kudos.id)
        .where(Kudos.giver_id == giver.id, Kudos.created_at >= _local_day_start_utc(giver, default_tz))
    ).scalar_one()
    if given + new_recipients > allowance:
        left = max(allowance - given, 0)
        raise KudosRefused(
            f"That would go over your daily kudos allowance: you can thank {allowance} people a day and "
            f"have {left} left today, but this thanks {new_recipients}. It resets at midnight your time.",
            field="recipients",
        )


def _local_day_start_utc(giver: Employee, default_tz: str) -> datetime:
    try:
        zone = ZoneInfo(giver.timezone or default_tz)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    now = datetime.now(zone)
    start = datetime.combine(now.date(), time.min, tzinfo=zone)
    return (start - (start.utcoffset() or timedelta(0))).replace(tzinfo=None)


def _mentions(slack_ids: list[str]) -> str:
    return ", ".join(f"<@{s}>" for s in slack_ids)
