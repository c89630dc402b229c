"""Kudos settings that admins change in the web UI, kept in the Setting table."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from engage.extensions import db
from engage.models import Setting

CHANNEL = "kudos.public_channel_id"
ALLOWANCE = "kudos.daily_allowance"
SHOW_REVENUE = "kudos.show_revenue_publicly"
NOTIFY_MANAGERS = "kudos.notify_managers"
PRAISE = "kudos.praise_suggestions"


@dataclass(frozen=True)
class KudosSettings:
    public_channel_id: str
    daily_allowance: int
    show_revenue_publicly: bool
    notify_managers: bool
    praise_suggestions: bool = False  # customers' praise DMed daily to agents and their managers


def get_settings() -> KudosSettings:
    stored = dict(
        db.session.execute(
            sa.select(Setting.key, Setting.value).where(
                Setting.key.in_([CHANNEL, ALLOWANCE, SHOW_REVENUE, NOTIFY_MANAGERS, PRAISE])
            )
        ).all()
    )
    allowance = stored.get(ALLOWANCE)
    return KudosSettings(
        public_channel_id=stored.get(CHANNEL, ""),
        daily_allowance=int(allowance) if allowance else current_app.config["KUDOS_DAILY_ALLOWANCE"],
        show_revenue_publicly=stored.get(SHOW_REVENUE) == "1",
        notify_managers=stored.get(NOTIFY_MANAGERS) == "1",
        praise_suggestions=stored.get(PRAISE) == "1",
    )


def save_settings(settings: KudosSettings) -> None:
    values = {
        CHANNEL: settings.public_channel_id.strip(),
        ALLOWANCE: str(settings.daily_allowance),
        SHOW_REVENUE: "1" if settings.show_revenue_publicly else "0",
        NOTIFY_MANAGERS: "1" if settings.notify_managers else "0",
        PRAISE: "1" if settings.praise_suggestions else "0",
    }
    for key, value in values.items():
        row = db.session.get(Setting, key)
        if row is None:
            db.session.add(Setting(key=key, value=value))
        else:
            row.value = value
    db.session.commit()
