"""The commented answer a conversation is about, and the checks both sides share."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from engage.conversations.errors import ConversationRefused
from engage.extensions import db
from engage.models import CommentThread, Employee, PulseDelivery, PulseResponse, Question, driver_label
from engage.models.base import utcnow
from engage.upsert import insert_if_new
from engage.validation.text import clean_comment

TEXT_MAX = 2000


@dataclass(frozen=True)
class CommentedAnswer:
    response_id: int
    comment: str
    driver: str
    team_id: int | None
    day: date
    author: Employee

    @property
    def topic(self) -> str:
        return driver_label(self.driver)

    @property
    def month(self) -> str:
        return self.day.strftime("%Y-%m")


def commented_answer(response_id: int) -> CommentedAnswer:
    row = db.session.execute(
        sa.select(
            PulseResponse.comment, Question.driver, PulseDelivery.team_id, PulseDelivery.pulse_date, Employee
        )
        .join(PulseDelivery, PulseDelivery.id == PulseResponse.delivery_id)
        .join(Question, Question.id == PulseResponse.question_id)
        .join(Employee, Employee.id == PulseResponse.employee_id)
        .where(PulseResponse.id == response_id)
    ).first()
    if row is None or not (row.comment or "").strip():
        raise ConversationRefused("That comment no longer exists: reload the Comments page.")
    return CommentedAnswer(
        response_id, row.comment.strip(), row.driver, row.team_id, row.pulse_date, row.Employee
    )


def thread_for(response_id: int) -> CommentThread:
    """The comment's thread, made on first use (two repliers at once get the same one)."""
    insert_if_new(
        CommentThread, {"response_id": response_id, "status": "open", "created_at": utcnow()}, ["response_id"]
    )
    return db.session.scalars(sa.select(CommentThread).where(CommentThread.response_id == response_id)).one()


def checked_text(text: str | None, what: str) -> str:
    """The message without control characters and outer spaces, or ConversationRefused."""
    cleaned = clean_comment(text or "").strip()
    if not cleaned:
        raise ConversationRefused(f"{what} is empty: write something first.")
    if len(cleaned) > TEXT_MAX:
        raise ConversationRefused(f"Keep {what.lower()} under {TEXT_MAX} characters (it has {len(cleaned)}).")
    return cleaned
