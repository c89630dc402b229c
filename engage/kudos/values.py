"""Company values that kudos can be given for, managed by admins."""

import sqlalchemy as sa

from engage.extensions import db
from engage.kudos.errors import KudosRefused
from engage.models import CompanyValue


def all_values() -> list[CompanyValue]:
    return list(
        db.session.scalars(sa.select(CompanyValue).order_by(CompanyValue.active.desc(), CompanyValue.name))
    )


def active_values() -> list[CompanyValue]:
    return list(
        db.session.scalars(sa.select(CompanyValue).where(CompanyValue.active).order_by(CompanyValue.name))
    )


def save_value(name: str, description: str | None, value: CompanyValue | None = None) -> CompanyValue:
    """Add a value, or rename/redescribe an existing one."""
    name = name.strip()
    if not name:
        raise KudosRefused("a value needs a name", field="name")
    clash = db.session.scalar(sa.select(CompanyValue).where(sa.func.lower(CompanyValue.name) == name.lower()))
    if clash is not None and clash is not value:
        raise KudosRefused(f"there is already a value called {clash.name!r}", field="name")
    if value is None:
        value = CompanyValue(name=name)
        db.session.add(value)
    value.name = name
    value.description = (description or "").strip() or None
    db.session.commit()
    return value


def set_value_active(value: CompanyValue, active: bool) -> None:
    value.active = active
    db.session.commit()
