"""The demo company's teams, people and web accounts."""

from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee, Team, User

DEMO_PASSWORD = "demo-password"
DEMO_DOMAIN = "demo.example"


@dataclass(frozen=True)
class TeamPlan:
    name: str
    parent: str | None
    size: int
    timezones: tuple[str, ...]
    customer_facing: bool


SUPPORT = "Customer Support"
# Eleven customer-facing teams of 8 to 10 people whose engagement is shown every week, enough for the
# pooled analysis (engage.analytics.pooled needs 8). Two show the anonymity rules: Billing (3 people)
# has too few respondents, and Support Escalations, the smallest sub-team of Customer Support, is
# withheld so that the department's 2 direct members cannot be worked out. Billing sits under Finance
# so that its 3 people are part of a shown group of 7 rather than a remainder of the organisation.
TEAMS = (
    TeamPlan(SUPPORT, None, 2, ("Europe/London",), False),
    TeamPlan("Support EMEA", SUPPORT, 10, ("Europe/London", "Europe/Madrid"), True),
    TeamPlan("Support DACH", SUPPORT, 9, ("Europe/Berlin", "Europe/Vienna", "Europe/Zurich"), True),
    TeamPlan("Support Americas", SUPPORT, 10, ("America/New_York", "America/Chicago"), True),
    TeamPlan("Support LATAM", SUPPORT, 9, ("America/Sao_Paulo", "America/Bogota"), True),
    TeamPlan("Support APAC", SUPPORT, 9, ("Asia/Kolkata", "Asia/Singapore", "Australia/Sydney"), True),
    TeamPlan("Support Enterprise", SUPPORT, 9, ("America/New_York", "Europe/London"), True),
    TeamPlan("Support Chat", SUPPORT, 10, ("America/Los_Angeles", "Europe/Dublin", "Asia/Manila"), True),
    TeamPlan("Support Technical", SUPPORT, 9, ("Europe/Berlin", "America/Chicago"), True),
    TeamPlan("Support Escalations", SUPPORT, 6, ("Europe/London", "America/New_York"), True),
    TeamPlan("Success", None, 10, ("America/New_York", "Europe/London", "Australia/Sydney"), True),
    TeamPlan("Onboarding", None, 9, ("America/Chicago", "Europe/Berlin"), True),
    TeamPlan("Renewals", None, 8, ("America/Denver", "Europe/Amsterdam"), True),
    TeamPlan("Sales", None, 10, ("America/New_York", "America/Los_Angeles", "Europe/Berlin"), False),
    TeamPlan("Finance", None, 4, ("Europe/London",), False),
    TeamPlan("Billing", "Finance", 3, ("Europe/London",), True),
)

FIRST_NAMES = (
    "Aisha",
    "Ben",
    "Carla",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemi",
    "Liam",
    "Maya",
    "Nikhil",
    "Olga",
    "Pedro",
    "Quinn",
    "Rosa",
    "Sam",
    "Tara",
    "Umar",
    "Vera",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Arjun",
    "Beatriz",
    "Chloe",
    "Diego",
    "Emeka",
    "Freya",
    "Gustav",
    "Hana",
    "Ivan",
    "Jade",
    "Kofi",
    "Lucia",
    "Mateo",
    "Noor",
    "Oscar",
    "Priya",
    "Rafael",
    "Sofia",
    "Tomas",
    "Uma",
)
LAST_NAMES = (
    "Okafor",
    "Schmidt",
    "Garcia",
    "Patel",
    "Nguyen",
    "Kowalski",
    "Haddad",
    "Tanaka",
    "Silva",
    "Jensen",
    "Mensah",
    "Murphy",
    "Cohen",
    "Iyer",
    "Petrova",
    "Alvarez",
    "Brown",
    "Rossi",
    "Kim",
    "Walker",
    "Ahmed",
    "Novak",
    "Chen",
    "Lopez",
    "Demir",
    "Fischer",
    "Reyes",
    "Sato",
    "Adeyemi",
    "Larsen",
)


@dataclass
class DemoCompany:
    teams: dict[str, Team]
    people: list[Employee]
    head_of_support: Employee


def _unique_email(first: str, last: str, taken: set[str]) -> str:
    base = f"{first}.{last}".lower()
    email, n = f"{base}@{DEMO_DOMAIN}", 2
    while email in taken:
        email, n = f"{base}{n}@{DEMO_DOMAIN}", n + 1
    taken.add(email)
    return email


def create_company(rng: np.random.Generator) -> DemoCompany:
    teams: dict[str, Team] = {}
    for plan in TEAMS:
        teams[plan.name] = Team(name=plan.name, parent=teams.get(plan.parent) if plan.parent else None)
    db.session.add_all(teams.values())
    taken: set[str] = set()
    people: list[Employee] = []
    leads: dict[str, Employee] = {}
    for plan in TEAMS:
        for i in range(plan.size):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            person = Employee(
                email=_unique_email(str(first), str(last), taken),
                name=f"{first} {last}",
                team=teams[plan.name],
                timezone=str(rng.choice(plan.timezones)),
                slack_user_id=f"UDEMO{len(people) + 1:04d}",
            )
            if i == 0:
                leads[plan.name] = person
            else:
                person.manager = leads[plan.name]
            people.append(person)
    for plan in TEAMS:
        if plan.parent:
            leads[plan.name].manager = leads[plan.parent]
    db.session.add_all(people)
    db.session.flush()
    return DemoCompany(teams, people, leads[SUPPORT])


def create_demo_users(company: DemoCompany) -> None:
    """admin@, hr@ and manager@demo.example; the manager heads Customer Support and its sub-teams."""
    taken = set(db.session.scalars(sa.select(User.email)))
    for role, employee in (("admin", None), ("hr", None), ("manager", company.head_of_support)):
        if f"{role}@{DEMO_DOMAIN}" in taken:
            continue
        user = User(email=f"{role}@{DEMO_DOMAIN}", role=role, employee=employee)
        user.set_password(DEMO_PASSWORD)
        db.session.add(user)


def has_data() -> bool:
    return db.session.scalar(sa.select(Employee.id).limit(1)) is not None
