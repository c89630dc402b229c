"""`/engage digest on|off`."""

import calendar

from flask import current_app

from engage.digests.recipients import digest_recipients
from engage.extensions import db
from engage.models import DigestPreference, Employee
from engage.upsert import insert_or_update

USAGE = "Use `/engage digest off` to stop your weekly digest, `/engage digest on` to get it."


def set_digest(employee: Employee, enabled: bool) -> None:
    insert_or_update(
        DigestPreference, {"employee_id": employee.id, "enabled": enabled}, ["employee_id"], ["enabled"]
    )
    db.session.commit()


def _when() -> str:
    day = calendar.day_name[current_app.config["DIGEST_WEEKDAY"]]
    return f"{day}s at {current_app.config['PULSE_LOCAL_HOUR']}:00 your time"


def digest_reply(employee: Employee, words: list[str]) -> str:
    choice = words[0] if words else ""
    if choice not in ("on", "off"):
        return f"I don't know `digest {choice}`. {USAGE}" if choice else USAGE
    set_digest(employee, choice == "on")
    if choice == "off":
        return "Your weekly digest is off. `/engage digest on` brings it back."
    kinds = sorted(r.kind for r in digest_recipients() if r.employee.id == employee.id)
    if not kinds:
        return (
            "Your weekly digest is on, but there is nothing to send you yet: it covers the teams of the "
            "people who report to you (or the organisation, for HR)."
        )
    what = " and ".join({"organisation": "the organisation's", "teams": "your teams'"}[k] for k in kinds)
    return f"Your weekly digest is on: {what} figures, {_when()}."
