"""Add, reword, retire and restore pulse questions; a retired question keeps its history."""

from dataclasses import dataclass

import sqlalchemy as sa

from engage.extensions import db
from engage.models import DRIVERS, OPEN, PulseDelivery, PulseResponse, Question
from engage.models.base import utcnow

QUESTION_KINDS = ("score", OPEN)


class QuestionError(ValueError):
    pass


@dataclass(frozen=True)
class QuestionHistory:
    question: Question
    times_asked: int
    answers: int


def questions_by_driver() -> dict[str, list[QuestionHistory]]:
    """Every question with how often it was asked and answered, grouped by driver in DRIVERS order."""
    asked = dict(
        db.session.execute(
            sa.select(PulseDelivery.question_id, sa.func.count()).group_by(PulseDelivery.question_id)
        ).all()
    )
    answered = dict(
        db.session.execute(
            sa.select(PulseResponse.question_id, sa.func.count()).group_by(PulseResponse.question_id)
        ).all()
    )
    grouped: dict[str, list[QuestionHistory]] = {driver: [] for driver in DRIVERS}
    in_rotation = sa.select(Question).where(Question.driver.in_(DRIVERS))  # not the internal service question
    for q in db.session.scalars(in_rotation.order_by(Question.retired_at.is_not(None), Question.id)):
        grouped[q.driver].append(QuestionHistory(q, asked.get(q.id, 0), answered.get(q.id, 0)))
    return grouped


def _clean_text(text: str, exclude_id: int | None = None) -> str:
    text = " ".join(text.split())
    if not text:
        raise QuestionError("the question text is empty")
    if len(text) > 300:
        raise QuestionError("the question text is longer than 300 characters; shorten it")
    clash = sa.select(Question.id).where(sa.func.lower(Question.text) == text.lower())
    if exclude_id is not None:
        clash = clash.where(Question.id != exclude_id)
    if db.session.scalar(clash) is not None:
        raise QuestionError("a question with this text already exists; restore or edit that one instead")
    return text


def add_question(driver: str, text: str, kind: str = "score") -> Question:
    """kind: "score" (1-5 agreement; 0-10 for eNPS) or "open" (answered in words only)."""
    if driver not in DRIVERS:
        raise QuestionError(f"driver must be one of {', '.join(DRIVERS)}")
    if kind not in QUESTION_KINDS:
        raise QuestionError(f"kind must be one of {', '.join(QUESTION_KINDS)}")
    if kind == OPEN and driver == "enps":
        raise QuestionError("eNPS is a 0-10 score; give an open question another driver")
    scale = OPEN if kind == OPEN else "nps10" if driver == "enps" else "likert5"
    question = Question(driver=driver, text=_clean_text(text), scale=scale)
    db.session.add(question)
    db.session.commit()
    return question


def edit_question_text(question: Question, text: str) -> None:
    question.text = _clean_text(text, exclude_id=question.id)
    db.session.commit()


def set_retired(question: Question, retired: bool) -> None:
    question.retired_at = (question.retired_at or utcnow()) if retired else None
    db.session.commit()
