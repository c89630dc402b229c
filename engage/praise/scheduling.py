"""Write the praise DM rows of everyone with new praise, once their pulse hour has come on a pulse day."""

import logging
from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from engage.extensions import db
from engage.kudos.settings import get_settings
from engage.models import Employee, PraiseDelivery
from engage.praise.queries import LOOK_BACK, Praise, praise_imported
from engage.pulses.clock import is_pulse_time, local_time
from engage.upsert import insert_ignoring_duplicates

log = logging.getLogger(__name__)


def recipients_of(praise: list[Praise]) -> dict[tuple[int, str], list[Praise]]:
    """(employee id, kind) -> the praise their DM lists: the agent's own, a manager's direct reports'."""
    found: dict[tuple[int, str], list[Praise]] = defaultdict(list)
    for item in praise:
        found[(item.agent_id, "agent")].append(item)
        if item.manager_id is not None:
            found[(item.manager_id, "manager")].append(item)
    return found


def _reachable(ids: set[int]) -> dict[int, Employee]:
    people = db.session.scalars(
        sa.select(Employee).where(
            Employee.id.in_(sorted(ids)), Employee.active.is_(True), Employee.slack_user_id.is_not(None)
        )
    )
    return {person.id: person for person in people}


def _last_rows(ids: set[int]) -> dict[tuple[int, str], tuple[datetime, object]]:
    """(employee id, kind) -> the end of the last DM's window and its day."""
    rows = db.session.execute(
        sa.select(
            PraiseDelivery.employee_id,
            PraiseDelivery.kind,
            sa.func.max(PraiseDelivery.window_end),
            sa.func.max(PraiseDelivery.praise_date),
        )
        .where(PraiseDelivery.employee_id.in_(sorted(ids)))
        .group_by(PraiseDelivery.employee_id, PraiseDelivery.kind)
    )
    return {(employee_id, kind): (end, day) for employee_id, kind, end, day in rows}


def schedule_praise(now: datetime) -> int:
    """Pending rows for today's praise DMs, each listing what was imported since the person's last one (at
    most LOOK_BACK); the unique key keeps it to one per person, kind and local day. Off: nothing."""
    if not get_settings().praise_suggestions:
        return 0
    wanted = recipients_of(praise_imported(now - LOOK_BACK, now))
    if not wanted:
        return 0
    ids = {employee_id for employee_id, _ in wanted}
    people, last = _reachable(ids), _last_rows(ids)
    hour, weekdays = current_app.config["PULSE_LOCAL_HOUR"], current_app.config["PULSE_WEEKDAYS"]
    rows = []
    for (employee_id, kind), praise in wanted.items():
        person = people.get(employee_id)
        local = local_time(person.timezone, now) if person else None
        if local is None or not is_pulse_time(local, hour, weekdays):
            continue
        last_end, last_day = last.get((employee_id, kind), (None, None))
        start = max(last_end or now - LOOK_BACK, now - LOOK_BACK)
        if last_day == local.date() or not any(item.imported_at >= start for item in praise):
            continue
        rows.append(
            {
                "employee_id": employee_id,
                "kind": kind,
                "praise_date": local.date(),
                "window_start": start,
                "window_end": now,
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
        )
    insert_ignoring_duplicates(PraiseDelivery, rows, ["employee_id", "kind", "praise_date"])
    db.session.commit()
    if rows:
        log.info("scheduled %s praise DMs", len(rows))
    return len(rows)
