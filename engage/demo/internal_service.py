"""The demo's internal service: IT and Billing serve the front line, whose people rate them on Fridays.

IT (8 people, with a year of pulses of its own) is added after everything else, from random streams of
its own, so the rest of the company is the same as before it existed. The link is planted: a front-line
team's rating of a served team in a week moves with that team's CSAT % three weeks later (relative to
the team's usual level), as much as with everything else, so the served team's card finds lag +3.
The served team of a week is counted back from the last demo week (as the rest of the demo is), so
the same seed gives the same ratings whatever day it is seeded.
"""

from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd
import sqlalchemy as sa

from engage.demo.company import FIRST_NAMES, LAST_NAMES, SUPPORT, DemoCompany, _unique_email
from engage.demo.engagement import Engagement, monday
from engage.demo.pulses import create_pulses, delivery_row
from engage.extensions import db
from engage.internal_service.asking import internal_service_question
from engage.internal_service.roles import Roles
from engage.models import Employee, PulseDelivery, PulseResponse, Rating, Team
from engage.models.people import FRONT_LINE, SERVES_FRONT_LINE

IT_SIZE = 8
IT_ZONES = ("Europe/London", "Europe/Berlin", "America/New_York")
FRONT_LINE_TEAMS = (SUPPORT, "Success", "Onboarding", "Renewals")
SERVED = {"Billing": 3.7, "IT": 3.2}  # each team's usual rating, 1-5
LEADS_CSAT_BY = 3  # weeks
LINK = 0.45  # a pair's weekly swing, in rating points, per standard deviation of the team's CSAT % to come
OTHER = 0.45  # and from everything else
PERSON_NOISE = 0.7
ANSWERED = 0.8
COMMENTED = 0.03
# What a front-line person writes: a situation with the served team (bad, good) and what it meant.
SITUATIONS = {
    "IT": (
        (
            "The VPN dropped twice during calls",
            "My laptop replacement took three days",
            "The CRM was slow all week",
        ),
        (
            "IT fixed my headset within the hour",
            "The new ticket macros from IT work well",
            "IT sorted my access fast",
        ),
    ),
    "Billing": (
        (
            "Refunds sat in the queue for days",
            "Nobody answered on a disputed invoice",
            "A credit note went missing",
        ),
        (
            "Billing fixed a double charge the same day",
            "Credit notes came back quickly",
            "Billing called the customer",
        ),
    ),
}
EFFECTS = (
    ("and a customer had to wait on me.", "so I had to call the customer back.", "and the customer noticed."),
    (
        "so I could close the ticket right away.",
        "and the customer thanked us.",
        "which saved me a follow-up.",
    ),
)
FRIDAY = 4  # the demo's last pulse day of the week


def _it_team(rng: np.random.Generator, company: DemoCompany) -> tuple[Team, list[Employee]]:
    team = Team(name="IT")
    taken = {p.email for p in company.people}
    people: list[Employee] = []
    for i in range(IT_SIZE):
        first, last = str(rng.choice(FIRST_NAMES)), str(rng.choice(LAST_NAMES))
        people.append(
            Employee(
                email=_unique_email(first, last, taken),
                name=f"{first} {last}",
                team=team,
                timezone=str(rng.choice(IT_ZONES)),
                slack_user_id=f"UDEMO{len(company.people) + i + 1:04d}",
                manager=people[0] if people else None,
            )
        )
    db.session.add_all([team, *people])
    db.session.flush()
    return team, people


def _weekly_csat(team_ids: list[int]) -> dict[int, pd.Series]:
    """Each team's weekly CSAT % relative to its own mean, in standard deviations."""
    rows = db.session.execute(
        sa.select(Rating.team_id, Rating.rated_at, Rating.satisfied).where(
            Rating.kind == "csat", Rating.team_id.in_(team_ids)
        )
    ).all()
    frame = pd.DataFrame(rows, columns=["team", "at", "satisfied"])
    frame["week"] = [monday(at.date()) for at in frame["at"]]
    weekly = frame.groupby(["team", "week"])["satisfied"].mean()
    found = {}
    for team, series in weekly.groupby(level="team"):
        values = series.droplevel("team")
        found[int(team)] = (values - values.mean()) / values.std()
    return found


def _roles(company: DemoCompany, served: dict[str, Team]) -> Roles:
    for name in FRONT_LINE_TEAMS:
        company.teams[name].front_line_role = FRONT_LINE
    for team in served.values():
        team.front_line_role = SERVES_FRONT_LINE
    front = {company.teams[name].id for name in FRONT_LINE_TEAMS}
    front |= {team.id for team in company.teams.values() if team.parent_id in front}
    return Roles(frozenset(front), {team.id: team.name for team in served.values()})


def _comment(talk: np.random.Generator, served: str, good: bool) -> str | None:
    if talk.random() >= COMMENTED:
        return None
    return f"{talk.choice(SITUATIONS[served][good])} {talk.choice(EFFECTS[good])}"


def _rating_rows(
    seed: int, raters: list[Employee], days: list[date], roles: Roles, question_id: int
) -> tuple[list[dict], list[dict | None]]:
    """Friday deliveries (the served teams taking turns week by week) and their answers (None: unanswered)."""
    csat = _weekly_csat(sorted(roles.front_line))
    served = sorted(roles.served)
    last_monday = monday(days[-1])
    deliveries: list[dict] = []
    answers: list[dict | None] = []
    for day in (d for d in days if d.weekday() == FRIDAY):
        weeks_ago = (last_monday - monday(day)).days // 7
        target = served[weeks_ago % len(served)]
        week_rng = np.random.default_rng([seed, *b"internal service week", weeks_ago])
        talk = np.random.default_rng([seed, *b"internal service talk", weeks_ago])
        swings: dict[int, float] = {}
        sent_at = datetime.combine(day, time(10))
        for person in raters:
            team_id = person.team_id or 0
            if team_id not in swings:
                later = (
                    csat[team_id].get(monday(day) + timedelta(weeks=LEADS_CSAT_BY))
                    if team_id in csat
                    else None
                )
                planted = LINK * float(later) if later is not None else 0.0
                swings[team_id] = planted + week_rng.normal(0, OTHER)
            score = SERVED[roles.served[target]] + swings[team_id] + week_rng.normal(0, PERSON_NOISE)
            common = {"employee_id": person.id, "team_id": person.team_id, "question_id": question_id}
            deliveries.append(delivery_row(person, question_id, day, sent_at) | {"served_team_id": target})
            answered_at = sent_at + timedelta(minutes=float(week_rng.exponential(80)))
            answered = week_rng.random() < ANSWERED
            rating = int(np.clip(round(score), 1, 5))
            said = _comment(talk, roles.served[target], rating >= 4)
            answers.append(
                common
                | {"score": rating, "answered_at": answered_at, "updated_at": answered_at}
                | {"comment": said}
                if answered
                else None
            )
    return deliveries, answers


def create_internal_service(seed: int, company: DemoCompany, days: list[date]) -> int:
    """IT, its pulses, the front line's roles and a year of Friday ratings; return how many were answered."""
    rng = np.random.default_rng([seed, *b"internal service"])
    it, it_people = _it_team(rng, company)
    create_pulses(rng, it_people, days, Engagement(seed + 1_000_003, [it.id], days[-1]))
    roles = _roles(company, {"Billing": company.teams["Billing"], "IT": it})
    question = internal_service_question()
    if question is None:
        raise RuntimeError("the internal service question is missing: run install_question_bank first")
    raters = [p for p in company.people if p.team_id in roles.front_line]
    deliveries, answers = _rating_rows(seed, raters, days, roles, question.id)
    db.session.execute(sa.insert(PulseDelivery.__table__), deliveries)
    ids = {
        (employee_id, day): delivery_id
        for employee_id, day, delivery_id in db.session.execute(
            sa.select(PulseDelivery.employee_id, PulseDelivery.pulse_date, PulseDelivery.id).where(
                PulseDelivery.question_id == question.id
            )
        )
    }
    responses = [
        answer | {"delivery_id": ids[d["employee_id"], d["pulse_date"]]}
        for d, answer in zip(deliveries, answers, strict=True)
        if answer is not None
    ]
    db.session.execute(sa.insert(PulseResponse.__table__), responses)
    return len(responses)
