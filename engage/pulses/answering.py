"""Recording a pulse answer and its confidential comment."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import joinedload

from engage.extensions import db
from engage.models import Employee, PulseDelivery, PulseResponse
from engage.pulses.clock import local_date
from engage.slack.blocks.pulses import COMMENT_MAX
from engage.upsert import insert_or_update
from engage.validation.text import clean_comment


class AnswerRefused(Exception):
    """The answer was not recorded; the message tells the person why."""


@dataclass(frozen=True)
class Answer:
    """What was recorded, read before the commit so using it costs no more queries."""

    delivery_id: int
    slack_channel: str | None
    slack_ts: str | None
    question_text: str
    scale: str
    score: int
    comment: str | None


def _answer(delivery: PulseDelivery, score: int, comment: str | None) -> Answer:
    return Answer(
        delivery.id,
        delivery.slack_channel,
        delivery.slack_ts,
        delivery.question.text,
        delivery.question.scale,
        score,
        comment,
    )


def _own_open_delivery(delivery_id: int, slack_user_id: str, now: datetime) -> PulseDelivery:
    delivery = db.session.get(
        PulseDelivery,
        delivery_id,
        options=[
            joinedload(PulseDelivery.employee),
            joinedload(PulseDelivery.question),
            joinedload(PulseDelivery.response),
        ],
    )
    if delivery is None:
        raise AnswerRefused("I can't find that pulse any more, so nothing was recorded.")
    employee: Employee = delivery.employee
    if employee.slack_user_id != slack_user_id:
        raise AnswerRefused("This pulse was sent to someone else, so your answer was not recorded.")
    if local_date(employee.timezone, now) != delivery.pulse_date:
        raise AnswerRefused(
            f"This pulse was for {delivery.pulse_date:%A %d %B} and is closed now; "
            "today's pulse arrives as usual."
        )
    return delivery


def record_answer(delivery_id: int, slack_user_id: str, score: int, now: datetime) -> Answer:
    """Record or change today's answer (one row per delivery); commit."""
    delivery = _own_open_delivery(delivery_id, slack_user_id, now)
    question = delivery.question
    comment = delivery.response.comment if delivery.response else None  # the upsert leaves it alone
    if not question.min_score <= score <= question.max_score:
        raise AnswerRefused(
            f"Scores for this question run from {question.min_score} to {question.max_score}; "
            f"{score} was not recorded."
        )
    insert_or_update(
        PulseResponse,
        {
            "delivery_id": delivery.id,
            "employee_id": delivery.employee_id,
            "team_id": delivery.employee.team_id,
            "question_id": delivery.question_id,
            "score": score,
            "answered_at": now,
            "updated_at": now,
        },
        ["delivery_id"],
        ["score", "team_id", "updated_at"],
    )
    answer = _answer(delivery, score, comment)
    db.session.commit()
    return answer


def save_comment(delivery_id: int, slack_user_id: str, text: str | None, now: datetime) -> Answer:
    delivery = _own_open_delivery(delivery_id, slack_user_id, now)
    response = delivery.response
    if response is None:
        raise AnswerRefused("Pick a score first, then add your comment.")
    comment = clean_comment(text or "").strip()
    if not comment:
        raise AnswerRefused("The comment is empty: write something, or close this window.")
    if len(comment) > COMMENT_MAX:
        raise AnswerRefused(f"Keep the comment under {COMMENT_MAX} characters (it has {len(comment)}).")
    response.comment = comment
    response.updated_at = now
    answer = _answer(delivery, response.score, comment)
    db.session.commit()
    return answer


def comment_target(delivery_id: int, slack_user_id: str, now: datetime) -> PulseDelivery:
    """The delivery whose comment the person may edit now, or AnswerRefused."""
    delivery = _own_open_delivery(delivery_id, slack_user_id, now)
    if delivery.response is None:
        raise AnswerRefused("Pick a score first, then add your comment.")
    return delivery
