"""A year of daily pulse deliveries and answers for the demo company."""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import accumulate
from zoneinfo import ZoneInfo

import numpy as np
import sqlalchemy as sa

from engage.demo.comments import compose, sentiment
from engage.demo.engagement import Engagement
from engage.demo.open_answers import compose_open_answer
from engage.extensions import db
from engage.models import Employee, PulseDelivery, PulseResponse, Question

DRIVER_OFFSET = {
    "recognition": 0.1,
    "feedback": -0.1,
    "growth": -0.3,
    "wellbeing": -0.2,
    "workload": -0.45,
    "manager_relationship": 0.3,
    "peer_relationship": 0.4,
    "customer_mission": 0.25,
    "ambassadorship": 0.1,
    "satisfaction": 0.0,
}
# On the 1-5 scale: teams differ by about 0.3 (7 points of 100); a team's weeks swing by about 0.2.
TEAM_LEVEL_SPREAD = 0.3
WEEKLY_SWING = 0.25
COMMENT_SHARE = 0.06
# Each person's Wednesday question, one week in OPEN_EVERY_WEEKS, is an open question instead; fewer
# people answer those (words take longer than a tap).
OPEN_WEEKDAY = 2
OPEN_EVERY_WEEKS = 4
OPEN_ANSWER_SHARE = 0.6


@cache
def _local_ten_am(timezone: str, day: date) -> datetime:
    local = datetime.combine(day, time(10), tzinfo=ZoneInfo(timezone))
    return local.astimezone(UTC).replace(tzinfo=None)


QUESTIONS_BY_WEEKDAY = (1, 2, 1, 2, 1)
ASKED_BEFORE_WEEKDAY = tuple(accumulate(QUESTIONS_BY_WEEKDAY[:-1], initial=0))


def _daily_questions(
    days: list[date], likert: list[Question], enps: Question, engagement: Engagement
) -> list[list[Question]]:
    """One question Mon/Wed/Fri, two Tue/Thu, rotating through the bank; eNPS on a month's first pulse.

    The rotation is counted from the last demo week, so a week has the same questions (and the same
    answers) whichever day of the week the demo is seeded."""
    plan, month = [], None
    for day in days:
        weekday = day.weekday()
        cursor = ASKED_BEFORE_WEEKDAY[weekday] - sum(QUESTIONS_BY_WEEKDAY) * engagement.weeks_ago(day)
        todays = [likert[(cursor + i) % len(likert)] for i in range(QUESTIONS_BY_WEEKDAY[weekday])]
        if day.month != month:
            month = day.month
            todays = todays[:1] + [enps]
        plan.append(todays)
    return plan


def _scores(
    rng: np.random.Generator, question: Question, levels: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Scores on the question's scale and their place on it (0 the lowest answer, 1 the highest)."""
    if question.scale == "nps10":
        scores = np.clip(np.round(7.2 + 2.5 * levels + rng.normal(0, 1.5, len(levels))), 0, 10).astype(int)
        return scores, scores / 10
    mean = 3.7 + DRIVER_OFFSET[question.driver] + levels
    scores = np.clip(np.round(mean + rng.normal(0, 0.75, len(levels))), 1, 5).astype(int)
    return scores, (scores - 1) / 4


def delivery_row(person: Employee, question_id: int, day: date, sent_at: datetime) -> dict:
    """A pulse delivery sent to `person` at sent_at, as a row to insert."""
    return {
        "employee_id": person.id,
        "team_id": person.team_id,
        "question_id": question_id,
        "pulse_date": day,
        "status": "sent",
        "attempts": 1,
        "next_attempt_at": sent_at,
        "sent_at": sent_at,
        "created_at": sent_at,
    }


def _answer(person: Employee, question: Question, answered_at: datetime, **given) -> dict:
    return {
        "employee_id": person.id,
        "team_id": person.team_id,
        "question_id": question.id,
        "answered_at": answered_at,
        "updated_at": answered_at,
        "comment": None,
    } | given


def _open_questions_today(
    people: list[Employee], day: date, open_questions: list[Question], engagement: Engagement
) -> dict[int, Question]:
    """The people (by place in `people`) whose question today is an open one, with that question."""
    weeks_ago = engagement.weeks_ago(day)
    if day.weekday() != OPEN_WEEKDAY or not open_questions:
        return {}
    return {
        p: open_questions[(weeks_ago // OPEN_EVERY_WEEKS + p) % len(open_questions)]
        for p in range(len(people))
        if (weeks_ago + p) % OPEN_EVERY_WEEKS == 0
    }


def _open_answer(
    rng: np.random.Generator, person: Employee, question: Question, sent_at: datetime, participation: float
) -> dict | None:
    """An answer in words, or None for the many who leave an open question unanswered."""
    if rng.random() >= participation * OPEN_ANSWER_SHARE:
        return None
    answered_at = sent_at + timedelta(minutes=float(min(rng.exponential(150), 480)))
    words = compose_open_answer(rng, question.driver)
    return _answer(person, question, answered_at, score=None, comment=words)


def _team_id(person: Employee) -> int:
    if person.team_id is None:
        raise ValueError(f"demo person {person.email} has no team")
    return person.team_id


def create_pulses(
    rng: np.random.Generator, people: list[Employee], days: list[date], engagement: Engagement
) -> int:
    questions = list(db.session.scalars(sa.select(Question).order_by(Question.id)))
    # Not the open questions (asked below) nor the internal service one (demo/internal_service.py).
    likert = [q for q in questions if q.scale == "likert5" and q.driver in DRIVER_OFFSET]
    enps = next(q for q in questions if q.scale == "nps10")
    open_questions = [q for q in questions if q.is_open]
    plan = _daily_questions(days, likert, enps, engagement)
    participation = np.clip(rng.beta(8, 2.6, len(people)), 0.3, 0.98)
    person_offset = rng.normal(0, 0.35, len(people))
    team_ids = [_team_id(p) for p in people]
    team_level = np.array([TEAM_LEVEL_SPREAD * engagement.team_level[t] for t in team_ids])
    deliveries: list[dict] = []
    answers: list[dict | None] = []
    for day, todays in zip(days, plan, strict=True):
        day_rng = engagement.stream("pulses", engagement.weeks_ago(day), day.weekday())
        words_rng = engagement.stream("open answers", engagement.weeks_ago(day), day.weekday())
        open_today = _open_questions_today(people, day, open_questions, engagement)
        swing = {team_id: WEEKLY_SWING * engagement.swing(team_id, day) for team_id in engagement.swings}
        levels = team_level + person_offset + np.array([swing[t] for t in team_ids])
        sent_at = [_local_ten_am(p.timezone, day) for p in people]
        for question in todays:
            answered = day_rng.random(len(people)) < participation
            scores, shares = _scores(day_rng, question, levels)
            delays = np.minimum(day_rng.exponential(80, len(people)), 480)
            commented = day_rng.random(len(people)) < COMMENT_SHARE
            for p, person in enumerate(people):
                if question is todays[0] and p in open_today:
                    asked = open_today[p]
                    deliveries.append(delivery_row(person, asked.id, day, sent_at[p]))
                    answers.append(_open_answer(words_rng, person, asked, sent_at[p], participation[p]))
                    continue
                deliveries.append(delivery_row(person, question.id, day, sent_at[p]))
                if not answered[p]:
                    answers.append(None)
                    continue
                answered_at = sent_at[p] + timedelta(minutes=float(delays[p]))
                comment = compose(day_rng, question.driver, sentiment(shares[p])) if commented[p] else None
                answers.append(_answer(person, question, answered_at, score=int(scores[p]), comment=comment))
    # Plain executemany and one query for the ids: on SQLite, RETURNING in parameter order
    # inserts one row per statement.
    db.session.execute(sa.insert(PulseDelivery.__table__), deliveries)
    key = (PulseDelivery.employee_id, PulseDelivery.question_id, PulseDelivery.pulse_date)
    delivery_ids = {tuple(row[1:]): row[0] for row in db.session.execute(sa.select(PulseDelivery.id, *key))}
    responses = [
        answer | {"delivery_id": delivery_ids[d["employee_id"], d["question_id"], d["pulse_date"]]}
        for d, answer in zip(deliveries, answers, strict=True)
        if answer is not None
    ]
    db.session.execute(sa.insert(PulseResponse.__table__), responses)
    return len(responses)
