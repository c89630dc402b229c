"""Answering an open question: words only, kept as the answer's comment with no score."""

from datetime import datetime

from engage.extensions import db
from engage.models import PulseDelivery, PulseResponse
from engage.pulses.answering import Answer, AnswerRefused, checked_words, own_open_delivery
from engage.upsert import insert_or_update


def open_answer_target(delivery_id: int, slack_user_id: str, now: datetime) -> PulseDelivery:
    """Today's open question of the person, whose answer they may write or change now, or AnswerRefused."""
    delivery = own_open_delivery(delivery_id, slack_user_id, now)
    if not delivery.question.is_open:
        raise AnswerRefused("This question takes a score: tap one of its numbers.")
    return delivery


def save_open_answer(delivery_id: int, slack_user_id: str, text: str | None, now: datetime) -> Answer:
    """Record or change today's answer in words (one row per delivery); commit."""
    delivery = open_answer_target(delivery_id, slack_user_id, now)
    words = checked_words(text, "answer")
    insert_or_update(
        PulseResponse,
        {
            "delivery_id": delivery.id,
            "employee_id": delivery.employee_id,
            "team_id": delivery.employee.team_id,
            "question_id": delivery.question_id,
            "score": None,
            "comment": words,
            "answered_at": now,
            "updated_at": now,
        },
        ["delivery_id"],
        ["comment", "team_id", "updated_at"],
    )
    answer = Answer(
        delivery.id, delivery.slack_channel, delivery.slack_ts, delivery.question.text, "open", None, words
    )
    db.session.commit()
    return answer
