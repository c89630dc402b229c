"""Who is asked about which served team, and when: once a week, on the week's last pulse day.

Every front-line person asked in a given week rates the same served team, the served teams taking turns
week by week (by team id). So a front-line team's ratings of a served team come from most of its people
at once, enough to pass the anonymity threshold, instead of being spread thinly over all served teams;
with n served teams each is rated by everyone every n weeks.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.internal_service.roles import Roles, load_roles
from engage.models import Employee, Question
from engage.models.pulses import INTERNAL_SERVICE

WEEK_ZERO = date(2000, 1, 3)  # a Monday: weeks are counted from it


def served_team_for(
    day: date, pulse_weekdays: Iterable[int], own_team: int | None, roles: Roles
) -> int | None:
    """The team someone of own_team is asked about on day; None: not their day, or not on the front line."""
    if own_team not in roles.front_line or day.weekday() != max(pulse_weekdays):
        return None
    served = sorted(team for team in roles.served if team != own_team)
    if not served:
        return None
    week = (day - timedelta(days=day.weekday()) - WEEK_ZERO).days // 7
    return served[week % len(served)]


def internal_service_question() -> Question | None:
    return db.session.scalar(
        sa.select(Question)
        .where(Question.driver == INTERNAL_SERVICE, Question.retired_at.is_(None))
        .order_by(Question.id)
        .limit(1)
    )


def delivery_rows(
    due: dict[int, tuple[Employee, date]], pulse_weekdays: Iterable[int], now: datetime
) -> list[dict]:
    """Pending deliveries of the internal service question for the people due today who rate."""
    weekdays = tuple(pulse_weekdays)
    if not any(day.weekday() == max(weekdays) for _, day in due.values()):
        return []
    roles = load_roles()
    question = internal_service_question() if roles.served and roles.front_line else None
    if question is None:
        return []
    rows = []
    for employee_id, (employee, day) in due.items():
        served = served_team_for(day, weekdays, employee.team_id, roles)
        if served is not None:
            rows.append(
                {
                    "employee_id": employee_id,
                    "team_id": employee.team_id,
                    "question_id": question.id,
                    "served_team_id": served,
                    "pulse_date": day,
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
            )
    return rows
