"""Which questions someone gets on a day: the driver they were asked least recently, plus eNPS monthly.

Deterministic for a given history before `day` (rows of `day` itself are ignored, since a racing
scheduler may just have written them), so two schedulers racing on one database pick the same rows
and the unique constraint (employee, question, day) absorbs the second insert.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from engage.models import DRIVERS, Question
from engage.models.pulses import INTERNAL_SERVICE


@dataclass(frozen=True)
class Asked:
    driver: str
    question_id: int
    pulse_date: date


def choose_questions(questions: Iterable[Question], history: Iterable[Asked], day: date) -> list[Question]:
    # The internal service question is asked by engage.internal_service.asking, not in this rotation.
    active = [q for q in questions if q.retired_at is None and q.driver != INTERNAL_SERVICE]
    history = [asked for asked in history if asked.pulse_date < day]
    chosen: list[Question] = []
    last_by_driver: dict[str, date] = {}
    last_by_question: dict[int, date] = {}
    for asked in history:
        last_by_driver[asked.driver] = max(asked.pulse_date, last_by_driver.get(asked.driver, date.min))
        last_by_question[asked.question_id] = max(
            asked.pulse_date, last_by_question.get(asked.question_id, date.min)
        )

    drivers = sorted(
        {q.driver for q in active if q.driver != "enps"},
        key=lambda d: (last_by_driver.get(d, date.min), DRIVERS.index(d)),
    )
    if drivers:
        candidates = [q for q in active if q.driver == drivers[0]]
        chosen.append(min(candidates, key=lambda q: (last_by_question.get(q.id, date.min), q.id)))

    enps_this_month = any(
        a.driver == "enps" and (a.pulse_date.year, a.pulse_date.month) == (day.year, day.month)
        for a in history
    )
    enps = [q for q in active if q.driver == "enps"]
    if enps and not enps_this_month:
        chosen.append(min(enps, key=lambda q: q.id))
    return chosen
