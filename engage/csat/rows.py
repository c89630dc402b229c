"""One incoming rating (a CSV row or a JSON object) checked field by field, before team lookup."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from email_validator import EmailNotValidError, validate_email

from engage.csat.scales import SCALES, FieldError, Normalised, is_unanswered, normalise
from engage.models.base import utcnow
from engage.validation.dates import SUPPORTED, DateInputError, not_in_future, parse_moment
from engage.validation.text import clean_comment, control_character_problem

FIELDS = (
    "source",
    "external_id",
    "rated_at",
    "kind",
    "value",
    "scale",
    "team",
    "group",
    "agent_email",
    "comment",
    "account",
)
MAX_LENGTHS = {
    "source": 50,
    "external_id": 120,
    "team": 120,
    "group": 120,
    "agent_email": 254,
    "account": 200,
}
MAX_COMMENT = 5000


@dataclass(frozen=True)
class RatingRow:
    source: str
    external_id: str
    rated_at: datetime
    rating: Normalised | None  # None: an unanswered survey, skipped
    team: str | None
    group: str | None
    agent_email: str | None
    comment: str | None = None  # the customer's words
    account: str | None = None  # the customer's company, as the help desk names it


def parse_rated_at(value: object, now: datetime | None = None, name: str = "rated_at") -> datetime:
    """ISO 8601 with a zone is converted to UTC; without one it is taken as UTC already.

    Refused: years outside the supported range, and times a day of clock skew past `now` (default: the clock).
    """
    if not isinstance(value, str) or not value.strip():
        raise FieldError(
            name, f"{name} is required, as ISO 8601 (e.g. 2026-03-01T14:05:00Z), in the years {SUPPORTED}"
        )
    try:
        return not_in_future(parse_moment(value, name), now or utcnow(), name)
    except DateInputError as exc:
        raise FieldError(name, str(exc)) from None


def text_field(fields: Mapping, name: str, errors: list[FieldError]) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        errors.append(FieldError(name, f"{name} must be text, got {value!r}"))
        return None
    value = value.strip()
    problem = control_character_problem(value, name)
    if problem:
        errors.append(FieldError(name, problem))
        return None
    if len(value) > MAX_LENGTHS.get(name, 20):
        errors.append(FieldError(name, f"{name} is longer than {MAX_LENGTHS.get(name, 20)} characters"))
        return None
    return value or None


def comment_field(fields: Mapping, errors: list[FieldError]) -> str | None:
    """The customer's comment: control characters other than line breaks and tabs are dropped."""
    value = fields.get("comment")
    if value is None:
        return None
    if not isinstance(value, str):
        errors.append(FieldError("comment", f"comment must be text, got {value!r}"))
        return None
    value = clean_comment(value).strip()
    if len(value) > MAX_COMMENT:
        errors.append(FieldError("comment", f"comment is longer than {MAX_COMMENT} characters"))
        return None
    return value or None


def has_error(errors: list[FieldError], *fields: str) -> bool:
    return any(e.field in fields for e in errors)


def parse_place(fields: Mapping, errors: list[FieldError]) -> tuple[str | None, str | None, str | None]:
    """team, group and agent_email: what places a row in a team (at least one is needed)."""
    team, group = text_field(fields, "team", errors), text_field(fields, "group", errors)
    agent_email = text_field(fields, "agent_email", errors)
    if agent_email:
        try:
            agent_email = validate_email(agent_email, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            errors.append(FieldError("agent_email", f"agent_email {agent_email!r} is not an email address"))
    if not (team or group or agent_email) and not has_error(errors, "team", "group", "agent_email"):
        errors.append(FieldError("team", "give a team, a help-desk group mapped to a team or an agent_email"))
    return team, group, agent_email


def parse_identity(
    fields: Mapping, default_source: str | None, noun: str, errors: list[FieldError]
) -> tuple[str | None, str | None]:
    """source and external_id: the help desk and its id of the rating or ticket (the row's key)."""
    source = text_field(fields, "source", errors) or default_source
    if not source and not has_error(errors, "source"):
        errors.append(FieldError("source", "source is required (e.g. zendesk), or give a default source"))
    external_id = text_field(fields, "external_id", errors)
    if not external_id and not has_error(errors, "external_id"):
        errors.append(FieldError("external_id", f"external_id is required: the help desk's id of the {noun}"))
    return source, external_id


def parse_row(
    fields: Mapping, default_source: str | None = None, now: datetime | None = None
) -> tuple[RatingRow | None, list[FieldError]]:
    """The row, or every problem found in it; `now` (naive UTC) bounds rated_at."""
    errors: list[FieldError] = []
    source, external_id = parse_identity(fields, default_source, "rating", errors)
    try:
        rated_at = parse_rated_at(fields.get("rated_at"), now)
    except FieldError as exc:
        errors.append(exc)
    kind = text_field(fields, "kind", errors)
    scale = text_field(fields, "scale", errors)
    if kind is None and scale in SCALES:
        kind = SCALES[scale]
    value = fields.get("value")
    if isinstance(value, str):
        value = value.strip()
    rating = None
    if value is None or value == "":
        errors.append(
            FieldError("value", "value is required: 1-5, good/bad, great/okay/bad, 1-7 (ces7) or 0-10")
        )
    elif not is_unanswered(value):
        try:
            rating = normalise(kind or "", scale, value)
        except FieldError as exc:
            errors.append(exc)
    team, group, agent_email = parse_place(fields, errors)
    comment, account = comment_field(fields, errors), text_field(fields, "account", errors)
    if errors or source is None or external_id is None:
        return None, errors
    return RatingRow(source, external_id, rated_at, rating, team, group, agent_email, comment, account), []
