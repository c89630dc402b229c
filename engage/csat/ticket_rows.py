"""One solved ticket (a CSV row or a JSON object) checked field by field, before team lookup."""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from engage.csat.csvfile import PLACE, checked_header, read_csv_rows
from engage.csat.rows import parse_identity, parse_place, parse_rated_at
from engage.csat.scales import FieldError
from engage.validation.dates import DateInputError, in_supported_range, not_in_future
from engage.validation.text import control_character_problem

TICKET_FIELDS = (
    "source",
    "external_id",
    "solved_at",
    "first_contact_resolved",
    "team",
    "group",
    "agent_email",
)
YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0"})


@dataclass(frozen=True)
class TicketRow:
    """A solved ticket; solved_at in UTC (no zone). A connector builds these for record_ticket_outcomes."""

    source: str
    external_id: str
    solved_at: datetime
    first_contact_resolved: bool
    team: str | None = None
    group: str | None = None
    agent_email: str | None = None


def parse_yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = value.strip().lower() if isinstance(value, str) else None
    if word in YES or word in NO:
        return word in YES
    raise FieldError(
        "first_contact_resolved", f"first_contact_resolved must be yes or no (true/false, 1/0), got {value!r}"
    )


def parse_ticket_row(
    fields: Mapping, default_source: str | None = None, now: datetime | None = None
) -> tuple[TicketRow | None, list[FieldError]]:
    """The ticket, or every problem found in it; `now` (naive UTC) bounds solved_at, as rated_at."""
    errors: list[FieldError] = []
    source, external_id = parse_identity(fields, default_source, "ticket", errors)
    solved_at = resolved = None
    try:
        solved_at = parse_rated_at(fields.get("solved_at"), now, "solved_at")
    except FieldError as exc:
        errors.append(exc)
    try:
        resolved = parse_yes_no(fields.get("first_contact_resolved"))
    except FieldError as exc:
        errors.append(exc)
    team, group, agent_email = parse_place(fields, errors)
    if errors or source is None or external_id is None or solved_at is None or resolved is None:
        return None, errors
    return TicketRow(source, external_id, solved_at, resolved, team, group, agent_email), []


def check_ticket(row: TicketRow, now: datetime) -> list[FieldError]:
    """The problems of a ticket a connector built: the checks parse_ticket_row makes on text input."""
    errors = []
    for name in ("source", "external_id", "team", "group", "agent_email"):
        problem = control_character_problem(getattr(row, name) or "", name)
        if problem:
            errors.append(FieldError(name, problem))
    try:
        in_supported_range(row.solved_at.date(), "solved_at")
        not_in_future(row.solved_at, now, "solved_at")
    except DateInputError as exc:
        errors.append(FieldError("solved_at", str(exc)))
    return errors


def _ticket_header(has_default_source: bool) -> Callable[[list[str] | None], list[str]]:
    needed = ["external_id", "solved_at", "first_contact_resolved"]
    one_of = [(PLACE, "give a team, group or agent_email column to place each ticket in a team")]
    return lambda header: checked_header(header, TICKET_FIELDS, needed, has_default_source, one_of)


def read_tickets_csv(
    stream: BinaryIO, has_default_source: bool = False
) -> Iterator[tuple[int, dict | FieldError]]:
    """Yield (line number, row) of a ticket outcomes CSV; RatingsRejected for a bad header or encoding."""
    return read_csv_rows(stream, _ticket_header(has_default_source))
