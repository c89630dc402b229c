"""The scheduler's heartbeat: the UTC time its last heartbeat job ran, kept in the Setting table."""

from datetime import datetime

from engage.extensions import db
from engage.models import Setting
from engage.models.base import utcnow

KEY = "scheduler_heartbeat"


def beat(now: datetime | None = None) -> None:
    setting = db.session.get(Setting, KEY) or Setting(key=KEY)
    setting.value = (now or utcnow()).isoformat()
    db.session.add(setting)
    db.session.commit()


def last_beat() -> datetime | None:
    setting = db.session.get(Setting, KEY)
    return datetime.fromisoformat(setting.value) if setting else None
