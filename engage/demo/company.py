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


TEAMS = (
    TeamPlan("Customer Support", None, 2, ("Europe/London",), False),
    TeamPlan(
        "Support EMEA", "Customer Support", 20, ("Europe/London", "Europe/Berlin", "Europe/Madrid"), True
    ),
    TeamPlan(
        "Support Americas",
        "Customer Support",
        20,
        ("America/New_York", "America/Chicago", "America/Los_Angeles"),
        True,
    ),
    TeamPlan(
        "Support APAC", "Customer Support", 14, ("Asia/Kolkata", "Asia/Singapore", "Australia/Sydney"), True
    ),
    TeamPlan("Success", None, 14, ("America/New_York", "Europe/London", "Australia/Sydney"), True),
    TeamPlan("Sales", None, 15, ("America/New_York", "America/Los_Angeles", "Europe/Berlin"), False),
    TeamPlan("Onboarding", None, 10, ("America/Chicago", "Europe/Berlin"), True),
    TeamPlan("Billing", None, 3, ("Europe/London",), True),
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
    head = leads["Customer Support"]
    for plan in TEAMS:
        if plan.parent == "Customer Support":
            leads[plan.name].manager = head
    db.session.add_all(people)
    db.session.flush()
    return DemoCompany(teams, people, head)


def create_demo_users(company: DemoCompany) -> None:
    """admin@, hr@ and manager@demo.example; the manager heads Customer Support and its three teams."""
    taken = set(db.session.scalars(sa.select(User.email)))
    for role, employee in (("admin", None), ("hr", None), ("manager", company.head_of_support)):
        if f"{role}@{DEMO_DOMAIN}" in taken:
            continue
        user = User(email=f"{role}@{DEMO_DOMAIN}", role=role, employee=employee)
        user.set_password(DEMO_PASSWORD)
        db.session.add(user)


def has_data() -> bool:
    return db.session.scalar(sa.select(Employee.id).limit(1)) is not None
