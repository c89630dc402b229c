"""Recording a pulse answer and its confidential comment."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import joinedload

from engage.extensions import db
from engage.models import Employee, PulseDelivery
from engage.pulses.clock import local_date
from engage.slack.blocks.pulses import COMMENT_MAX
from engage.validation.text import clean_comment

NOT_FOUND = "I can't find that pulse any more, so nothing was recorded."
ANSWERED_IN_WORDS = "This question is answered in words: tap Answer under it."


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
    score: int | None  # None: an open question's answer, its words in comment
    comment: str | None


def _answer(delivery: PulseDelivery, score: int | None, comment: str | None) -> Answer:
    return Answer(
        delivery.id,
        delivery.slack_channel,
        delivery.slack_ts,
        delivery.question_text,
        delivery.question.scale,
        score,
        comment,
    )


def refuse_unless_own_and_open(
    owner: str | None, timezone: str | None, pulse_date: date, slack_user_id: str, now: datetime
) -> None:
    if owner != slack_user_id:
        raise AnswerRefused("This pulse was sent to someone else, so your answer was not recorded.")
    if local_date(timezone, now) != pulse_date:
        raise AnswerRefused(
            f"This pulse was for {pulse_date:%A %d %B} and is closed now; today's pulse arrives as usual."
        )


def own_open_delivery(delivery_id: int, slack_user_id: str, now: datetime) -> PulseDelivery:
    delivery = db.session.get(
        PulseDelivery,
        delivery_id,
        options=[
            joinedload(PulseDelivery.employee),
            joinedload(PulseDelivery.question),
            joinedload(PulseDelivery.served_team),
            joinedload(PulseDelivery.response),
        ],
    )
    if delivery is None:
        raise AnswerRefused(NOT_FOUND)
    employee: Employee = delivery.employee
    refuse_unless_own_and_open(
        employee.slack_user_id, employee.timezone, delivery.pulse_date, slack_user_id, now
    )
    return delivery


def checked_words(text: str | None, what: str) -> str:
    """The text without control characters and outer spaces, or AnswerRefused saying what to fix."""
    words = clean_comment(text or "").strip()
    if not words:
        raise AnswerRefused(f"The {what} is empty: write something, or close this window.")
    if len(words) > COMMENT_MAX:
        raise AnswerRefused(f"Keep the {what} under {COMMENT_MAX} characters (it has {len(words)}).")
    return words


def save_comment(delivery_id: int, slack_user_id: str, text: str | None, now: datetime) -> Answer:
    delivery = comment_target(delivery_id, slack_user_id, now)
    response = delivery.response
    assert response is not None  # comment_target refuses a pulse without an answer
    comment = checked_words(text, "comment")
    response.comment = comment
    response.updated_at = now
    answer = _answer(delivery, response.score, comment)
    db.session.commit()
    return answer


def comment_target(delivery_id: int, slack_user_id: str, now: datetime) -> PulseDelivery:
    """The delivery whose comment the person may edit now, or AnswerRefused."""
    delivery = own_open_delivery(delivery_id, slack_user_id, now)
    if delivery.question.is_open:
        raise AnswerRefused(ANSWERED_IN_WORDS)
    if delivery.response is None:
        raise AnswerRefused("Pick a score first, then add your comment.")
    return delivery
