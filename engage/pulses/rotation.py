"""Which questions someone gets on a day: the driver they were asked least recently, plus eNPS monthly;
now and then an open question (answered in words) instead of the driver's score question.

Deterministic for a given history before `day` (rows of `day` itself are ignored, since a racing
scheduler may just have written them), so two schedulers racing on one database pick the same rows
and the unique constraint (employee, question, day) absorbs the second insert.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from engage.models import DRIVERS, Question
from engage.models.pulses import INTERNAL_SERVICE


@dataclass(frozen=True)
class Asked:
    driver: str
    question_id: int
    pulse_date: date
    is_open: bool = False


def _least_recent(candidates: list[Question], last_by_question: dict[int, date]) -> Question:
    return min(candidates, key=lambda q: (last_by_question.get(q.id, date.min), q.id))


def open_question_due(history: list[Asked], day: date, every_days: int) -> bool:
    """Whether `day` is the person's open-question day: they have been asked pulses for at least
    `every_days` days, and no open question in the last `every_days` days (0: never)."""
    if every_days <= 0:
        return False
    since = day - timedelta(days=every_days)
    long_enough = any(asked.pulse_date <= since for asked in history)
    return long_enough and not any(asked.is_open and asked.pulse_date > since for asked in history)


def choose_questions(
    questions: Iterable[Question], history: Iterable[Asked], day: date, open_every_days: int = 0
) -> list[Question]:
    # The internal service question is asked by engage.internal_service.asking, not in this rotation.
    active = [q for q in questions if q.retired_at is None and q.driver != INTERNAL_SERVICE]
    history = [asked for asked in history if asked.pulse_date < day]
    chosen: list[Question] = []
    last_by_driver: dict[str, date] = {}
    last_by_question: dict[int, date] = {}
    for asked in history:
        last_by_question[asked.question_id] = max(
            asked.pulse_date, last_by_question.get(asked.question_id, date.min)
        )
        if not asked.is_open:  # an open question leaves its driver's score question due
            last_by_driver[asked.driver] = max(asked.pulse_date, last_by_driver.get(asked.driver, date.min))

    open_questions = [q for q in active if q.is_open]
    scored = [q for q in active if not q.is_open]
    if open_questions and open_question_due(history, day, open_every_days):
        chosen.append(_least_recent(open_questions, last_by_question))
    else:
        drivers = sorted(
            {q.driver for q in scored if q.driver != "enps"},
            key=lambda d: (last_by_driver.get(d, date.min), DRIVERS.index(d)),
        )
        if drivers:
            chosen.append(_least_recent([q for q in scored if q.driver == drivers[0]], last_by_question))

    enps_this_month = any(
        a.driver == "enps" and (a.pulse_date.year, a.pulse_date.month) == (day.year, day.month)
        for a in history
    )
    enps = [q for q in scored if q.driver == "enps"]
    if enps and not enps_this_month:
        chosen.append(min(enps, key=lambda q: q.id))
    return chosen
