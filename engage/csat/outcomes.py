"""Ticket outcomes (first-contact resolution): stored all-or-nothing, idempotent on (source, external_id).

record_ticket_outcomes is what a help-desk connector calls; import_ticket_outcomes reads the raw fields
of a CSV file or a JSON body first.
"""

from collections.abc import Iterable, Mapping

from engage.csat.batches import BATCH_SIZE, CheckedRow, ImportSummary, Target, store_all
from engage.csat.scales import FieldError
from engage.csat.teams import TeamResolver
from engage.csat.ticket_rows import TicketRow, check_ticket, parse_ticket_row
from engage.insights.rollup_queries import TICKETS
from engage.models import TicketOutcome
from engage.models.base import utcnow

TICKETS_TARGET = Target(
    TicketOutcome, ("solved_at", "first_contact_resolved", "team_id", "agent_email"), "solved_at", TICKETS
)


def record_ticket_outcomes(outcomes: Iterable[TicketRow], batch_size: int = BATCH_SIZE) -> ImportSummary:
    """Store solved tickets: new ones added, changed ones updated; commits.

    A ticket that no team, mapped group or agent's team places, one given twice, or one failing the
    checks of a file's rows (supported years, not in the future, control characters) rejects the lot
    (RatingsRejected, positions counted from 0); the rollups catch up at the next refresh.
    """
    now = utcnow()
    checked = ((at, check_ticket(row, now) or row) for at, row in enumerate(outcomes))
    return _store(checked, "item", batch_size)


def import_ticket_outcomes(
    rows: Iterable[tuple[int, Mapping | FieldError]],
    default_source: str | None = None,
    position: str = "line",
    batch_size: int = BATCH_SIZE,
) -> ImportSummary:
    """Import (position, fields) pairs of a CSV file or JSON list, as record_ticket_outcomes."""

    def parsed():
        now = utcnow()
        for at, fields in rows:
            if isinstance(fields, FieldError):
                yield at, [fields]
                continue
            row, errors = parse_ticket_row(fields, default_source, now)
            yield at, row if row is not None else errors

    return _store(parsed(), position, batch_size)


def _store(
    items: Iterable[tuple[int, TicketRow | list[FieldError]]], position: str, batch_size: int
) -> ImportSummary:
    resolver = TeamResolver()
    first_seen: dict[tuple[str, str], int] = {}

    def check(at: int, row: TicketRow | list[FieldError]) -> CheckedRow:
        if isinstance(row, list):
            return at, None, row
        earlier = first_seen.setdefault((row.source, row.external_id), at)
        try:
            if earlier != at:
                raise FieldError(
                    "external_id",
                    f"ticket {row.external_id!r} of source {row.source!r} is already on {position} {earlier}",
                )
            team_id = resolver.team_id(row)
        except FieldError as exc:
            return at, None, [exc]
        return (
            at,
            {
                "source": row.source,
                "external_id": row.external_id,
                "solved_at": row.solved_at,
                "first_contact_resolved": row.first_contact_resolved,
                "team_id": team_id,
                "agent_email": row.agent_email,
            },
            [],
        )

    return store_all(TICKETS_TARGET, (check(at, row) for at, row in items), batch_size)
