"""SCIM Users are engage's people: created, updated and deactivated (never deleted) by the roster's rules."""

import logging

import sqlalchemy as sa
from flask import url_for

from engage.extensions import db
from engage.models import Employee
from engage.people.records import manager_loop, person_by_email, set_active
from engage.scim.errors import ScimError, invalid_value, not_found, not_unique
from engage.scim.patch import apply_patch
from engage.scim.paths import Equals
from engage.scim.schemas import ENTERPRISE_USER, USER
from engage.scim.user_fields import USER_SHAPE, UserFields, read_user

log = logging.getLogger(__name__)

FILTERS = {
    "username": lambda value: sa.func.lower(Employee.email) == value.lower(),
    "emails.value": lambda value: sa.func.lower(Employee.email) == value.lower(),
    "externalid": lambda value: Employee.external_id == value,
    "id": lambda value: Employee.id == (int(value) if value.isdigit() else -1),
}


def users_query(equals: Equals | None) -> sa.Select:
    query = sa.select(Employee).where(Employee.erased_at.is_(None)).order_by(Employee.id)
    if equals is None:
        return query
    condition = FILTERS.get(equals.attribute.lower())
    if condition is None:
        raise ScimError(400, "Users filter on userName, externalId, emails.value or id", "invalidFilter")
    return query.where(condition(equals.value))


def get_person(resource_id: str) -> Employee:
    person = db.session.get(Employee, int(resource_id)) if resource_id.isdigit() else None
    if person is None or person.erased_at is not None:
        raise not_found("User", resource_id)
    return person


def _split(name: str) -> tuple[str, str]:
    given, _, family = name.partition(" ")
    return given, family


def render_user(person: Employee) -> dict:
    derived_given, derived_family = _split(person.name)
    resource = {
        "schemas": [USER, ENTERPRISE_USER],
        "id": str(person.id),
        "userName": person.email,
        "name": {
            "formatted": person.name,
            "givenName": person.given_name or derived_given,
            "familyName": person.family_name or derived_family,
        },
        "displayName": person.name,
        "emails": [{"value": person.email, "type": "work", "primary": True}],
        "active": person.active,
        "groups": [{"value": str(person.team.id), "display": person.team.name}] if person.team else [],
        "meta": _meta(person),
    }
    if person.external_id:
        resource["externalId"] = person.external_id
    if person.timezone:
        resource["timezone"] = person.timezone
    if person.manager:
        manager = {"value": str(person.manager.id), "displayName": person.manager.name}
        resource[ENTERPRISE_USER] = {"manager": manager}
    return resource


def _meta(person: Employee) -> dict:
    return {
        "resourceType": "User",
        "created": person.created_at.isoformat() + "Z",
        "lastModified": person.updated_at.isoformat() + "Z",
        "location": url_for("scim.user", resource_id=person.id, _external=True),
    }


def _patch_base(person: Employee) -> dict:
    """The person as a PATCH starts from: a name made of its parts follows them when they change."""
    resource = render_user(person)
    if person.name == " ".join(p for p in (person.given_name, person.family_name) if p):
        del resource["displayName"], resource["name"]["formatted"]
    return resource


def create_user(body: object) -> Employee:
    fields = read_user(body)
    if (existing := person_by_email(fields.email)) is not None:
        raise not_unique(f"userName {fields.email} is already User {existing.id}; update that User instead")
    person = Employee(email=fields.email, name=fields.name, active=True)
    _write(person, fields)
    db.session.add(person)
    db.session.commit()
    log.info("scim: created person %s", person.id)
    return person


def replace_user(person: Employee, body: object) -> Employee:
    _write(person, read_user(body))
    db.session.commit()
    log.info("scim: updated person %s (active: %s)", person.id, person.active)
    return person


def patch_user(person: Employee, body: object) -> Employee:
    return replace_user(person, apply_patch(_patch_base(person), body, USER_SHAPE))


def deactivate_user(person: Employee) -> None:
    """DELETE: the person becomes inactive, never deleted, so their past answers and kudos stay."""
    set_active(person, False)
    db.session.commit()
    log.info("scim: deactivated person %s", person.id)


def _write(person: Employee, fields: UserFields) -> None:
    """Check everything against the stored people first, then change the person."""
    holder = person_by_email(fields.email)
    if holder is not None and holder is not person:
        raise not_unique(f"userName {fields.email} is already person id {holder.id}")
    if fields.external_id:
        other = db.session.scalar(sa.select(Employee).where(Employee.external_id == fields.external_id))
        if other is not None and other is not person:
            raise not_unique(f"externalId {fields.external_id!r} is already person id {other.id}")
    manager = _manager(person, fields.manager)
    person.email, person.name = fields.email, fields.name
    person.given_name, person.family_name = fields.given_name, fields.family_name
    person.external_id = fields.external_id
    person.manager = manager
    if fields.active is not None:
        set_active(person, fields.active)
    if fields.timezone is not None:
        person.timezone = fields.timezone


def _manager(person: Employee, reference: str | None) -> Employee | None:
    if reference is None:
        return None
    manager = (
        db.session.get(Employee, int(reference))
        if reference.isdigit()
        else person_by_email(reference)
        or db.session.scalar(sa.select(Employee).where(Employee.external_id == reference))
    )
    if manager is None:
        raise invalid_value(
            f"manager {reference!r} is nobody in engage (give their SCIM id, email or externalId); "
            "provision the manager first"
        )
    if manager is person:
        raise invalid_value(f"{person.email} cannot be their own manager")
    if loop := manager_loop(person, manager):
        raise invalid_value(
            f"managers would form a loop: {' -> '.join(loop)}; give someone in it another manager"
        )
    return manager
