"""Create the day's delivery rows for everyone whose local pulse time has come."""

import logging
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from engage.extensions import db
from engage.internal_service.asking import delivery_rows as internal_service_rows
from engage.models import OPEN, Employee, PulseDelivery, Question
from engage.pulses.clock import is_pulse_time, local_time
from engage.pulses.rotation import Asked, choose_questions
from engage.upsert import insert_ignoring_duplicates

log = logging.getLogger(__name__)

HISTORY_DAYS = 120
CHUNK = 500


def pulse_candidates() -> list[Employee]:
    return list(
        db.session.scalars(
            sa.select(Employee).where(
                Employee.active.is_(True),
                Employee.pulse_paused.is_(False),
                Employee.slack_user_id.is_not(None),
            )
        )
    )


def due_today(now: datetime) -> dict[int, tuple[Employee, date]]:
    """Employees whose pulse time has come and who have no delivery for their local date yet."""
    hour = current_app.config["PULSE_LOCAL_HOUR"]
    weekdays = current_app.config["PULSE_WEEKDAYS"]
    due: dict[int, tuple[Employee, date]] = {}
    for employee in pulse_candidates():
        local = local_time(employee.timezone, now)
        if is_pulse_time(local, hour, weekdays):
            due[employee.id] = (employee, local.date())
    if not due:
        return due
    days = {day for _, day in due.values()}
    existing = db.session.execute(
        sa.select(PulseDelivery.employee_id, PulseDelivery.pulse_date).where(
            PulseDelivery.pulse_date.in_(days)
        )
    )
    for employee_id, day in existing:
        if employee_id in due and due[employee_id][1] == day:
            del due[employee_id]
    return due


def _history(employee_ids: list[int], since: date) -> dict[int, list[Asked]]:
    history: dict[int, list[Asked]] = {}
    for start in range(0, len(employee_ids), CHUNK):
        rows = db.session.execute(
            sa.select(
                PulseDelivery.employee_id,
                Question.driver,
                Question.id,
                PulseDelivery.pulse_date,
                Question.scale == OPEN,
            )
            .join(Question, Question.id == PulseDelivery.question_id)
            .where(
                PulseDelivery.employee_id.in_(employee_ids[start : start + CHUNK]),
                PulseDelivery.pulse_date >= since,
            )
        )
        for employee_id, driver, question_id, day, is_open in rows:
            history.setdefault(employee_id, []).append(Asked(driver, question_id, day, is_open))
    return history


def schedule_due(now: datetime) -> int:
    """Write pending deliveries for today's pulses; safe to run twice or from two processes."""
    due = due_today(now)
    if not due:
        return 0
    questions = list(db.session.scalars(sa.select(Question).where(Question.retired_at.is_(None))))
    if not questions:
        log.warning("no active pulse questions: nothing to schedule")
        return 0
    open_every_days = current_app.config["PULSE_OPEN_QUESTION_DAYS"]
    earliest = min(day for _, day in due.values()) - timedelta(days=max(HISTORY_DAYS, open_every_days))
    history = _history(sorted(due), earliest)
    rows = []
    for employee_id, (employee, day) in due.items():
        asked = history.get(employee_id, [])
        for question in choose_questions(questions, asked, day, open_every_days):
            rows.append(
                {
                    "employee_id": employee_id,
                    "team_id": employee.team_id,
                    "question_id": question.id,
                    "pulse_date": day,
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
            )
    internal = internal_service_rows(due, current_app.config["PULSE_WEEKDAYS"], now)
    for batch in (rows, internal):  # an executemany's rows all need the same columns
        insert_ignoring_duplicates(PulseDelivery, batch, ["employee_id", "question_id", "pulse_date"])
    rows += internal
    db.session.commit()
    log.info("scheduled %s pulse questions for %s people", len(rows), len(due))
    return len(rows)
