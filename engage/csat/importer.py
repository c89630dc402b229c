"""Import ratings all-or-nothing: validate every row, write in batches inside one transaction."""

from collections.abc import Iterable, Mapping

from engage.csat.batches import (
    BATCH_SIZE,
    CheckedRow,
    ImportSummary,
    Problem,
    RatingsRejected,
    Target,
    store_all,
    write_rows,
)
from engage.csat.rows import parse_row
from engage.csat.scales import FieldError
from engage.csat.teams import TeamResolver
from engage.insights.rollup_queries import RATINGS
from engage.models import Rating
from engage.models.base import utcnow

__all__ = ["ImportSummary", "Problem", "RatingsRejected", "import_ratings", "write_checked"]

RATINGS_TARGET = Target(
    Rating,
    ("kind", "raw_value", "score", "satisfied", "rated_at", "team_id", "agent_email", "comment", "account"),
    "rated_at",
    RATINGS,
)


class _Checker:
    """Validates rows one by one, keeping only the keys seen and the teams looked up."""

    def __init__(self, default_source: str | None, position: str) -> None:
        self.default_source, self.position = default_source, position
        self.resolver = TeamResolver()
        self.first_seen: dict[tuple[str, str], int] = {}
        self.now = utcnow()

    def check(self, at: int, fields: Mapping | FieldError) -> tuple[dict | None, list[FieldError]]:
        """The values to store (None for a skipped unanswered survey), or the row's problems."""
        if isinstance(fields, FieldError):
            return None, [fields]
        row, errors = parse_row(fields, self.default_source, self.now)
        if row is None:
            return None, errors
        earlier = self.first_seen.setdefault((row.source, row.external_id), at)
        try:
            if earlier != at:
                raise FieldError(
                    "external_id",
                    f"{row.external_id!r} of source {row.source!r} is already on {self.position} {earlier}",
                )
            team_id = self.resolver.team_id(row)
        except FieldError as exc:
            return None, [exc]
        if row.rating is None:
            return None, []
        return {
            "source": row.source,
            "external_id": row.external_id,
            "kind": row.rating.kind,
            "raw_value": row.rating.raw_value,
            "score": row.rating.score,
            "satisfied": row.rating.satisfied,
            "rated_at": row.rated_at,
            "team_id": team_id,
            "agent_email": row.agent_email,
            "comment": row.comment,
            "account": row.account,
        }, []


def write_checked(rows: Iterable[dict], summary: ImportSummary) -> None:
    """Upsert rows already checked and given a team, as one batch of import_ratings; no commit."""
    write_rows(RATINGS_TARGET, rows, summary)


def import_ratings(
    rows: Iterable[tuple[int, Mapping | FieldError]],
    default_source: str | None = None,
    position: str = "line",
    batch_size: int = BATCH_SIZE,
) -> ImportSummary:
    """Import (position, fields) pairs; on any problem write nothing and raise RatingsRejected.

    A FieldError in place of the fields reports a row its reader could not split.
    """
    checker = _Checker(default_source, position)
    checked: Iterable[CheckedRow] = ((at, *checker.check(at, fields)) for at, fields in rows)
    return store_all(RATINGS_TARGET, checked, batch_size)
