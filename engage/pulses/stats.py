"""A person's own pulse figures, and their team's weekly trend when the team is big enough to show."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import cast

import sqlalchemy as sa
from flask import current_app

from engage.extensions import db
from engage.models import Employee, KudosRecipient, PulseDelivery, PulseResponse, Question, Team
from engage.models.pulses import INTERNAL_SERVICE, asked_text
from engage.pulses.clock import local_date


@dataclass(frozen=True)
class RecentAnswer:
    day: date
    question: str
    score: int | None  # None: an open question, answered in words
    max_score: int


@dataclass(frozen=True)
class PersonalStats:
    answered: int
    streak: int
    average_30_days: float | None
    recent: list[RecentAnswer]
    kudos_received: int


@dataclass(frozen=True)
class WeekTrend:
    week_start: date
    respondents: int
    average: float | None  # None when fewer than the anonymity threshold answered


def _streak(delivered: list[date], answered: set[date], today: date) -> int:
    streak = 0
    for day in sorted(set(delivered), reverse=True):
        if day in answered:
            streak += 1
        elif day != today:  # today's unanswered pulse is still open
            break
    return streak


def personal_stats(employee: Employee, now: datetime, recent: int = 5) -> PersonalStats:
    today = local_date(employee.timezone, now)
    delivered = list(
        db.session.scalars(
            sa.select(PulseDelivery.pulse_date).where(
                PulseDelivery.employee_id == employee.id, PulseDelivery.status == "sent"
            )
        )
    )
    answers = db.session.execute(
        sa.select(PulseDelivery.pulse_date, Question.text, Question.scale, PulseResponse.score, Team.name)
        .join(PulseDelivery, PulseDelivery.id == PulseResponse.delivery_id)
        .join(Question, Question.id == PulseResponse.question_id)
        .outerjoin(Team, Team.id == PulseDelivery.served_team_id)
        .where(PulseResponse.employee_id == employee.id)
        .order_by(PulseDelivery.pulse_date.desc(), PulseResponse.id.desc())
    ).all()
    month_ago = today - timedelta(days=30)
    # Ratings of a team serving the front line are about that team, not about the person's work.
    likert = [
        score
        for day, _, scale, score, served in answers
        if scale == "likert5" and day > month_ago and not served
    ]
    kudos = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(KudosRecipient)
        .where(KudosRecipient.employee_id == employee.id)
    )
    return PersonalStats(
        answered=len(answers),
        streak=_streak(delivered, {a[0] for a in answers}, today),
        average_30_days=round(sum(cast(list[int], likert)) / len(likert), 2) if likert else None,
        recent=[
            RecentAnswer(day, asked_text(text, served), score, 10 if scale == "nps10" else 5)
            for day, text, scale, score, served in answers[:recent]
        ],
        kudos_received=kudos or 0,
    )


def team_weekly_trend(team_id: int, now: datetime, weeks: int = 6) -> list[WeekTrend]:
    """Average 1-5 answer per ISO week (UTC), shown only for weeks with enough distinct respondents."""
    threshold = current_app.config["ANONYMITY_THRESHOLD"]
    this_monday = now.date() - timedelta(days=now.weekday())
    first = this_monday - timedelta(weeks=weeks - 1)
    rows = db.session.execute(
        sa.select(PulseResponse.answered_at, PulseResponse.employee_id, PulseResponse.score)
        .join(Question, Question.id == PulseResponse.question_id)
        .where(
            PulseResponse.team_id == team_id,
            Question.scale == "likert5",
            PulseResponse.score.is_not(None),
            Question.driver != INTERNAL_SERVICE,
            PulseResponse.answered_at >= datetime.combine(first, datetime.min.time()),
        )
    )
    scores: dict[date, list[int]] = defaultdict(list)
    people: dict[date, set[int]] = defaultdict(set)
    for answered_at, employee_id, score in rows:
        week = answered_at.date() - timedelta(days=answered_at.weekday())
        scores[week].append(cast(int, score))  # the query reads scored answers only
        people[week].add(employee_id)
    trend = []
    for n in range(weeks):
        week = first + timedelta(weeks=n)
        count = len(people[week])
        average = round(sum(scores[week]) / len(scores[week]), 2) if count >= threshold else None
        trend.append(WeekTrend(week, count if count >= threshold else 0, average))
    return trend
