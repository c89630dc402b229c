"""A pulse score click recorded once, and committed before Slack gets its ack.

On PostgreSQL a click costs two statements in autocommit: the one row it needs is read, then a single
statement records the click's key (so Slack's retries change nothing) and upserts the answer, both or
neither; two round trips where a transaction took five (BEGIN, key, read, upsert, COMMIT). SQLite has no
INSERT in a WITH, so there the key and the answer share one transaction.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from engage.extensions import db
from engage.models import OPEN, Employee, ProcessedSlackEvent, PulseDelivery, PulseResponse, Question, Team
from engage.models.pulses import asked_text, score_range
from engage.pulses.answering import (
    ANSWERED_IN_WORDS,
    NOT_FOUND,
    Answer,
    AnswerRefused,
    refuse_unless_own_and_open,
)
from engage.slack.dedupe import first_time
from engage.upsert import insert_or_update

_DELIVERY_TO_ANSWER = (
    sa.select(
        PulseDelivery.employee_id,
        PulseDelivery.question_id,
        PulseDelivery.pulse_date,
        PulseDelivery.slack_channel,
        PulseDelivery.slack_ts,
        Employee.slack_user_id,
        Employee.timezone,
        Employee.team_id,
        Question.text,
        Question.scale,
        PulseResponse.comment,
        Team.name.label("served_team"),
    )
    .join(Employee, Employee.id == PulseDelivery.employee_id)
    .join(Question, Question.id == PulseDelivery.question_id)
    .outerjoin(Team, Team.id == PulseDelivery.served_team_id)
    .outerjoin(PulseResponse, PulseResponse.delivery_id == PulseDelivery.id)
    .where(PulseDelivery.id == sa.bindparam("delivery_id"))
)

_ANSWER_COLUMNS = (
    "delivery_id",
    "employee_id",
    "team_id",
    "question_id",
    "score",
    "answered_at",
    "updated_at",
)
_CHANGED_BY_A_NEW_SCORE = ("score", "team_id", "updated_at")


def _key_then_answer() -> sa.Insert:
    """The answer upserted only when the click's key was new: one statement, so both or neither."""
    responses = PulseResponse.__table__
    new_key = (
        postgresql.insert(ProcessedSlackEvent.__table__)
        .values(key=sa.bindparam("key"), received_at=sa.bindparam("now"))
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(ProcessedSlackEvent.key)
        .cte("new_key")
    )
    now = sa.bindparam("now", type_=responses.c.answered_at.type)
    values = sa.select(
        *(sa.bindparam(name, type_=responses.c[name].type) for name in _ANSWER_COLUMNS[:5]), now, now
    ).select_from(new_key)
    upsert = postgresql.insert(responses).from_select(_ANSWER_COLUMNS, values)
    return upsert.on_conflict_do_update(
        index_elements=["delivery_id"], set_={c: upsert.excluded[c] for c in _CHANGED_BY_A_NEW_SCORE}
    ).returning(responses.c.delivery_id)


_KEY_THEN_ANSWER = _key_then_answer()


def _checked(row: sa.Row | None, slack_user_id: str, score: int, now: datetime) -> sa.Row:
    if row is None:
        raise AnswerRefused(NOT_FOUND)
    refuse_unless_own_and_open(row.slack_user_id, row.timezone, row.pulse_date, slack_user_id, now)
    if row.scale == OPEN:
        raise AnswerRefused(ANSWERED_IN_WORDS)
    lowest, highest = score_range(row.scale)
    if not lowest <= score <= highest:
        raise AnswerRefused(
            f"Scores for this question run from {lowest} to {highest}; {score} was not recorded."
        )
    return row


def _answer_values(row: sa.Row, delivery_id: int, score: int, now: datetime) -> dict:
    return {
        "delivery_id": delivery_id,
        "employee_id": row.employee_id,
        "team_id": row.team_id,
        "question_id": row.question_id,
        "score": score,
        "answered_at": now,
        "updated_at": now,
    }


def _recorded_in_autocommit(
    key: str, delivery_id: int, slack_user_id: str, score: int, now: datetime
) -> sa.Row | None:
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        row = connection.execute(_DELIVERY_TO_ANSWER, {"delivery_id": delivery_id}).first()
        row = _checked(row, slack_user_id, score, now)
        values = _answer_values(row, delivery_id, score, now) | {"key": key, "now": now}
        return row if connection.execute(_KEY_THEN_ANSWER, values).first() else None


def _recorded_in_a_transaction(
    key: str, delivery_id: int, slack_user_id: str, score: int, now: datetime
) -> sa.Row | None:
    try:
        if not first_time(key):
            db.session.rollback()
            return None
        row = db.session.execute(_DELIVERY_TO_ANSWER, {"delivery_id": delivery_id}).first()
        row = _checked(row, slack_user_id, score, now)
        values = _answer_values(row, delivery_id, score, now)
        insert_or_update(PulseResponse, values, ["delivery_id"], _CHANGED_BY_A_NEW_SCORE)
        db.session.commit()
        return row
    except AnswerRefused:
        db.session.rollback()
        raise


def record_click(key: str, delivery_id: int, slack_user_id: str, score: int, now: datetime) -> Answer | None:
    """Record or change today's answer, committed; None when the click's `key` was handled before."""
    record = _recorded_in_autocommit if db.engine.dialect.name == "postgresql" else _recorded_in_a_transaction
    row = record(key[:200], delivery_id, slack_user_id, score, now)
    if row is None:
        return None
    # The comment is as read: the upsert leaves it alone.
    text = asked_text(row.text, row.served_team)
    return Answer(delivery_id, row.slack_channel, row.slack_ts, text, row.scale, score, row.comment)
