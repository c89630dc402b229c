"""Six months of daily pulse deliveries and answers for the demo company."""
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import numpy as np
import sqlalchemy as sa

from engage.demo.engagement import Engagement
from engage.extensions import db
from engage.models import Employee, PulseDelivery, PulseResponse, Question

DRIVER_OFFSET = {
    "recognition": 0.1, "feedback": -0.1, "growth": -0.3, "wellbeing": -0.2, "workload": -0.45,
    "manager_relationship": 0.3, "peer_relationship": 0.4, "customer_mission": 0.25,
    "ambassadorship": 0.1, "satisfaction": 0.0,
}
COMMENTS = {
    "low": (
        "The queue has been brutal this week and nobody seems to notice.",
        "Too many escalations land on the same three people.",
        "I don't have time to fix problems properly, only to close tickets.",
        "We keep changing tools and I never get trained on them.",
    ),
    "mid": (
        "Fine overall, but the new macros make replies feel robotic.",
        "Some weeks are great, some are chaos. Hard to plan.",
        "I'd like clearer goals for next quarter.",
    ),
    "high": (
        "Loved the shout-out from the account team after the renewal call.",
        "My manager covered the queue so I could finish the training. Thank you!",
        "Great team, we really help each other on tricky tickets.",
        "Customers are noticing the faster replies, that feels good.",
    ),
}


@cache
def _local_ten_am(timezone: str, day: date) -> datetime:
    local = datetime.combine(day, time(10), tzinfo=ZoneInfo(timezone))
    return local.astimezone(UTC).replace(tzinfo=None)


def _daily_questions(days: list[date], likert: list[Question], enps: Question) -> list[list[Question]]:
    """One question Mon/Wed/Fri, two Tue/Thu, rotating through the bank; eNPS on a month's first pulse."""
    plan, cursor, month = [], 0, None
    for day in days:
        count = 2 if day.weekday() in (1, 3) else 1
        todays = [likert[(cursor + i) % len(likert)] for i in range(count)]
        cursor += count
        if day.month != month:
            month = day.month
            todays = todays[:1] + [enps]
        plan.append(todays)
    return plan


def _comment(rng: np.random.Generator, score: float) -> str:
    band = "low" if score < 0.35 else "high" if score > 0.7 else "mid"
    return str(rng.choice(COMMENTS[band]))


def create_pulses(rng: np.random.Generator, people: list[Employee], days: list[date],
                  engagement: Engagement) -> int:
    questions = list(db.session.scalars(sa.select(Question).order_by(Question.id)))
    likert = [q for q in questions if q.scale == "likert5"]
    enps = next(q for q in questions if q.scale == "nps10")
    plan = _daily_questions(days, likert, enps)
    participation = np.clip(rng.beta(8, 2.6, len(people)), 0.3, 0.98)
    person_offset = rng.normal(0, 0.35, len(people))
    deliveries, answers = [], []
    for day, todays in zip(days, plan, strict=True):
        for p, person in enumerate(people):
            sent_at = _local_ten_am(person.timezone, day)
            for question in todays:
                deliveries.append({
                    "employee_id": person.id, "team_id": person.team_id, "question_id": question.id,
                    "pulse_date": day, "status": "sent", "attempts": 1, "next_attempt_at": sent_at,
                    "sent_at": sent_at, "created_at": sent_at,
                })
                if rng.random() > participation[p]:
                    answers.append(None)
                    continue
                level = engagement.level(person.team_id, day) + person_offset[p]
                if question.scale == "nps10":
                    score = int(np.clip(round(7.2 + 1.2 * level + rng.normal(0, 1.5)), 0, 10))
                    share = score / 10
                else:
                    mean = 3.7 + DRIVER_OFFSET[question.driver] + 0.55 * level
                    score = int(np.clip(round(mean + rng.normal(0, 0.75)), 1, 5))
                    share = (score - 1) / 4
                answered_at = sent_at + timedelta(minutes=float(min(rng.exponential(80), 480)))
                answers.append({
                    "employee_id": person.id, "team_id": person.team_id, "question_id": question.id,
                    "score": score, "comment": _comment(rng, share) if rng.random() < 0.08 else None,
                    "answered_at": answered_at, "updated_at": answered_at,
                })
    ids = db.session.scalars(
        sa.insert(PulseDelivery).returning(PulseDelivery.id, sort_by_parameter_order=True), deliveries
    ).all()
    responses = [a | {"delivery_id": i} for i, a in zip(ids, answers, strict=True) if a is not None]
    db.session.execute(sa.insert(PulseResponse), responses)
    return len(responses)
