"""Leaderboards and the accounts-saved board."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from engage.extensions import db
from engage.kudos.queries import KudosFilters, filtered, wall
from engage.models import CompanyValue, CustomerAccount, Employee, Kudos, KudosRecipient, Team

WINDOWS = (7, 30, 90)  # days


def window_start(days: int, now: datetime, zone: ZoneInfo) -> datetime:
    """Naive UTC start of the last `days` days in `zone`: today there and the days - 1 before it."""
    today = now.replace(tzinfo=UTC).astimezone(zone).date()
    start = datetime.combine(today - timedelta(days=days - 1), time.min, tzinfo=zone)
    return start.astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Leaderboards:
    people: list[tuple[str, str | None, int]]
    teams: list[tuple[str, int]]
    values: list[tuple[str, int]]


def leaderboards(start: datetime, visible: set[int] | None, top: int = 10) -> Leaderboards:
    """Kudos received by people and teams, and given for each value, from `start` (naive UTC) on."""
    received = (
        sa.select(KudosRecipient)
        .join(Kudos, KudosRecipient.kudos_id == Kudos.id)
        .where(Kudos.created_at >= start)
    )
    if visible is not None:
        received = received.where(KudosRecipient.team_id.in_(visible))
    recipients = received.subquery()
    count = sa.func.count(recipients.c.id).label("n")
    people = db.session.execute(
        sa.select(Employee.name, Team.name, count)
        .join(Employee, Employee.id == recipients.c.employee_id)
        .outerjoin(Team, Team.id == Employee.team_id)
        .group_by(Employee.id, Employee.name, Team.name)
        .order_by(count.desc(), Employee.name)
        .limit(top)
    ).all()
    teams = db.session.execute(
        sa.select(Team.name, count)
        .join(Team, Team.id == recipients.c.team_id)
        .group_by(Team.id, Team.name)
        .order_by(count.desc(), Team.name)
        .limit(top)
    ).all()
    kudos = filtered(KudosFilters(), visible).where(Kudos.created_at >= start).subquery()
    value_count = sa.func.count(kudos.c.id).label("n")
    values = db.session.execute(
        sa.select(CompanyValue.name, value_count)
        .join(CompanyValue, CompanyValue.id == kudos.c.value_id)
        .group_by(CompanyValue.id, CompanyValue.name)
        .order_by(value_count.desc(), CompanyValue.name)
        .limit(top)
    ).all()
    return Leaderboards(list(people), list(teams), list(values))


@dataclass
class AccountSaves:
    account: CustomerAccount
    saves: list[Kudos]
    revenue: dict[str, Decimal]
    people: list[str]


@dataclass
class TeamRevenue:
    team: str
    saves: int
    revenue: dict[str, Decimal]


def _saves(filters: KudosFilters, visible: set[int] | None) -> list[Kudos]:
    return wall(KudosFilters(**{**filters.__dict__, "saves_only": True}), visible, limit=None)


def accounts_saved(filters: KudosFilters, visible: set[int] | None) -> list[AccountSaves]:
    by_account: dict[int, AccountSaves] = {}
    for kudos in _saves(filters, visible):
        if kudos.account_id is None or kudos.account is None:  # _saves selects kudos with an account
            continue
        entry = by_account.get(kudos.account_id)
        if entry is None:
            entry = by_account[kudos.account_id] = AccountSaves(kudos.account, [], defaultdict(Decimal), [])
        entry.saves.append(kudos)
        if kudos.revenue_kept is not None and kudos.currency is not None:
            entry.revenue[kudos.currency] += kudos.revenue_kept
        for recipient in kudos.recipients:
            if recipient.employee.name not in entry.people:
                entry.people.append(recipient.employee.name)
    return sorted(by_account.values(), key=lambda a: (-len(a.saves), a.account.name))


def revenue_by_team(filters: KudosFilters, visible: set[int] | None) -> list[TeamRevenue]:
    """Each save's revenue split evenly among its recipients, credited to their teams at the time."""
    names = dict(db.session.execute(sa.select(Team.id, Team.name)).all())
    saves_by_team: dict[int, set[int]] = defaultdict(set)
    revenue: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for kudos in _saves(filters, visible):
        for recipient in kudos.recipients:
            if recipient.team_id is None or (visible is not None and recipient.team_id not in visible):
                continue
            saves_by_team[recipient.team_id].add(kudos.id)
            if kudos.revenue_kept is not None and kudos.currency is not None:
                share = (kudos.revenue_kept / len(kudos.recipients)).quantize(Decimal("0.01"))
                revenue[recipient.team_id][kudos.currency] += share
    rows = [
        TeamRevenue(names[team_id], len(ids), dict(revenue[team_id]))
        for team_id, ids in saves_by_team.items()
    ]
    return sorted(rows, key=lambda r: (-r.saves, r.team))
