"""Kudos between demo colleagues, some crediting a saved customer account."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import numpy as np
import sqlalchemy as sa

from engage.extensions import db
from engage.models import CompanyValue, CustomerAccount, Employee, Kudos, KudosRecipient

VALUES = (
    ("Customer obsession", "Start from what the customer needs, and finish the job."),
    ("Own it", "If you see a problem, it is yours until it is solved or handed over well."),
    ("Better together", "Share what you know; ask for help early."),
    ("Candour", "Say the true thing, kindly."),
)
ACCOUNTS = (
    "Northwind Traders",
    "Blue Harbor Logistics",
    "Pinecrest Health",
    "Atlas Robotics",
    "Lumen Retail",
    "Riverbend Credit Union",
    "Kestrel Airlines",
    "Sundial Foods",
    "Orbit Telecom",
    "Meridian Insurance",
    "Greenfield Schools",
    "Copperleaf Energy",
    "Tidewater Hotels",
    "Quarry Analytics",
)
THANKS = (
    "Thank you for jumping on that outage bridge at 7am and keeping the customer calm.",
    "You rewrote the refund macro and our replies got so much clearer. Thank you!",
    "Huge help covering my queue while I was out.",
    "Your walkthrough of the new SSO setup saved me hours.",
    "Thanks for catching the billing bug before it hit hundreds of invoices.",
    "You made the new starter feel at home from day one.",
)
SAVES = (
    "{account} was ready to cancel over the export issue; you found a workaround and they renewed.",
    "Turned an angry escalation from {account} into an expansion conversation. Amazing.",
    "Kept {account} with us after the outage: daily updates, honest answers, real fixes.",
)
REVENUE = (4800, 9600, 12000, 18000, 24000, 36000, 60000, 90000)


def create_kudos(
    rng: np.random.Generator, people: list[Employee], days: list[date], customer_facing_teams: set[int]
) -> int:
    values = [CompanyValue(name=n, description=d) for n, d in VALUES]
    accounts = [CustomerAccount(name=n, crm_id=f"CRM-{1000 + i}") for i, n in enumerate(ACCOUNTS)]
    db.session.add_all([*values, *accounts])
    db.session.flush()
    team_ids = np.array([p.team_id for p in people])
    rows, recipients = [], []
    for day in days:
        for _ in range(rng.poisson(3)):
            giver_index = int(rng.integers(len(people)))
            giver = people[giver_index]
            # teammates, and one in ten of everyone else
            candidates = (team_ids == giver.team_id) | (rng.random(len(people)) < 0.1)
            candidates[giver_index] = False
            others = [people[i] for i in np.flatnonzero(candidates)]
            how_many = min(len(others), 1 + int(rng.random() < 0.2))
            chosen = rng.choice(len(others), size=how_many, replace=False)
            created_at = datetime.combine(day, time(9)) + timedelta(minutes=int(rng.integers(0, 540)))
            row: dict[str, object] = {
                "giver_id": giver.id,
                "giver_team_id": giver.team_id,
                "created_at": created_at,
                "value_id": values[rng.integers(len(values))].id,
                "message": str(rng.choice(THANKS)),
            }
            if giver.team_id in customer_facing_teams and rng.random() < 0.25:
                account = accounts[rng.integers(len(accounts))]
                row |= {
                    "account_id": account.id,
                    "currency": "USD",
                    "revenue_kept": Decimal(int(rng.choice(REVENUE))),
                    "message": str(rng.choice(SAVES)).format(account=account.name),
                }
            rows.append(row)
            recipients.append([others[i] for i in chosen])
    full_rows = [{"account_id": None, "currency": None, "revenue_kept": None} | r for r in rows]
    insert = sa.insert(Kudos).returning(Kudos.id, sort_by_parameter_order=True)
    ids = db.session.scalars(insert, full_rows).all()
    db.session.execute(
        sa.insert(KudosRecipient),
        [
            {"kudos_id": kudos_id, "employee_id": person.id, "team_id": person.team_id}
            for kudos_id, people_thanked in zip(ids, recipients, strict=True)
            for person in people_thanked
        ],
    )
    return len(ids)
