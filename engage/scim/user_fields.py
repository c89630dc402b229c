"""A SCIM User document read into what engage keeps of a person, checked by the roster's rules."""

from dataclasses import dataclass

from email_validator import EmailNotValidError

from engage.people.roster_file import name_problem, normal_email, valid_timezone
from engage.scim.errors import invalid_value
from engage.scim.paths import Shape
from engage.scim.schemas import ENTERPRISE_ATTRIBUTES, ENTERPRISE_USER, NAME_PARTS, USER, USER_ATTRIBUTES

USER_SHAPE = Shape(USER, USER_ATTRIBUTES, {ENTERPRISE_USER: ENTERPRISE_ATTRIBUTES})
MAX_EXTERNAL_ID = 255
BOOLEANS = {"true": True, "false": False}  # Entra ID sends "True" and "False" as strings


@dataclass(frozen=True)
class UserFields:
    email: str
    name: str
    given_name: str | None
    family_name: str | None
    external_id: str | None
    active: bool | None  # None: not given
    timezone: str | None  # None: not given (kept; Slack's user sync fills it too)
    manager: str | None  # the manager's id, email or externalId; None: no manager


def _get(document: dict, name: str) -> object:
    """An attribute by its case-insensitive name."""
    return next((value for key, value in document.items() if key.lower() == name.lower()), None)


def _text(document: dict, name: str, max_length: int) -> str | None:
    value = _get(document, name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise invalid_value(f"{name} must be a string, not {value!r}")
    if len(value.strip()) > max_length:
        raise invalid_value(f"{name} is longer than {max_length} characters")
    return value.strip()


def _email(document: dict) -> str:
    user_name = _get(document, "userName")
    if not isinstance(user_name, str) or not user_name.strip():
        raise invalid_value("userName is required: the person's work email address")
    try:
        return normal_email(user_name.strip())
    except EmailNotValidError:
        raise invalid_value(
            f"userName {user_name!r} is not an email address; engage matches people on email, "
            "so map userName to the work email (in Entra ID: mail)"
        ) from None


def _name(document: dict) -> tuple[str, str | None, str | None]:
    """The full name (displayName, else name.formatted, else given and family name) and its parts."""
    parts = _get(document, "name") or {}
    if not isinstance(parts, dict):
        raise invalid_value(f"name must be an object with givenName and familyName, not {parts!r}")
    given = _text(parts, NAME_PARTS["givenname"], 200)
    family = _text(parts, NAME_PARTS["familyname"], 200)
    joined = " ".join(part for part in (given, family) if part)
    name = _text(document, "displayName", 200) or _text(parts, "formatted", 200) or joined
    if problem := name_problem(name):
        raise invalid_value(f"{problem}: give displayName, or name.givenName and name.familyName")
    return name, given, family


def _active(document: dict) -> bool | None:
    value = _get(document, "active")
    if isinstance(value, str) and value.strip().lower() in BOOLEANS:
        return BOOLEANS[value.strip().lower()]
    if value is None or isinstance(value, bool):
        return value
    raise invalid_value(f"active must be true or false, not {value!r}")


def _timezone(document: dict) -> str | None:
    timezone = _text(document, "timezone", 64)
    if timezone and not valid_timezone(timezone):
        raise invalid_value(f"timezone {timezone!r} is not an IANA time zone (like Europe/Berlin)")
    return timezone


def _manager(document: dict) -> str | None:
    extension = _get(document, ENTERPRISE_USER) or {}
    manager = _get(extension, "manager") if isinstance(extension, dict) else None
    if isinstance(manager, list) and len(manager) == 1:  # [{"value": "id"}], as some clients send it
        manager = manager[0]
    if isinstance(manager, dict):  # RFC 7643 and Okta: {"value": "id"}; Entra ID: the id itself
        manager = _get(manager, "value")
    if manager is None or (isinstance(manager, str) and not manager.strip()):
        return None
    if not isinstance(manager, str | int) or isinstance(manager, bool):
        raise invalid_value(f'manager must be {{"value": "<id>"}} or an id, not {manager!r}')
    return str(manager).strip()


def read_user(document: object) -> UserFields:
    if not isinstance(document, dict):
        raise invalid_value("the body must be a JSON object: a SCIM User")
    email = _email(document)
    name, given, family = _name(document)
    return UserFields(
        email=email,
        name=name,
        given_name=given,
        family_name=family,
        external_id=_text(document, "externalId", MAX_EXTERNAL_ID),
        active=_active(document),
        timezone=_timezone(document),
        manager=_manager(document),
    )
