"""Import ratings all-or-nothing: validate every row, write in batches inside one transaction."""
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from engage.csat.rows import parse_row
from engage.csat.scales import FieldError
from engage.csat.teams import TeamResolver
from engage.extensions import db
from engage.insights.changes import mark_stale
from engage.insights.rollup_queries import RATINGS
from engage.models import Rating
from engage.models.base import utcnow
from engage.validation.problems import MAX_LISTED_PROBLEMS

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
COMPARED = ("kind", "raw_value", "score", "satisfied", "rated_at", "team_id", "agent_email", "comment")


@dataclass(frozen=True)
class Problem:
    """What to fix, and where: a CSV line number or a JSON list index."""

    at: int | None
    field: str
    message: str


class RatingsRejected(Exception):
    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        super().__init__(f"{total or len(problems)} problem(s)")
        self.problems = problems
        self.total = total or len(problems)


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "skipped": self.skipped}


@dataclass
class _Batch:
    rows: dict[tuple[str, str], dict] = field(default_factory=dict)

    def write(self, summary: ImportSummary) -> None:
        by_source: dict[str, list[str]] = defaultdict(list)
        for source, external_id in self.rows:
            by_source[source].append(external_id)
        existing = {}
        for source, external_ids in by_source.items():
            found = db.session.execute(
                sa.select(Rating.id, Rating.external_id, *(getattr(Rating, c) for c in COMPARED)).where(
                    Rating.source == source, Rating.external_id.in_(external_ids)
                )
            ).mappings()
            existing.update({(source, row["external_id"]): row for row in found})
        inserts, updates, moved, now = [], [], set(), utcnow()
        for key, values in self.rows.items():
            old = existing.get(key)
            if old is None:
                inserts.append(values | {"imported_at": now})
            elif any(old[c] != values[c] for c in COMPARED):
                updates.append({c: values[c] for c in COMPARED} | {"id": old["id"], "imported_at": now})
                if (old["team_id"], old["rated_at"].date()) != (values["team_id"], values["rated_at"].date()):
                    moved.add((old["rated_at"].date(), old["team_id"]))
            else:
                summary.unchanged += 1
        # Core statements on the table: one executemany per batch, whichever columns are None.
        table = Rating.__table__
        if inserts:
            db.session.execute(table.insert(), inserts)
        if updates:
            changes = {c: sa.bindparam(c) for c in (*COMPARED, "imported_at")}
            db.session.execute(table.update().where(table.c.id == sa.bindparam("rating_id")).values(changes),
                               [{**u, "rating_id": u["id"]} for u in updates])
        mark_stale(RATINGS, moved)  # where the moved ratings counted until now
        summary.created += len(inserts)
        summary.updated += len(updates)
        self.rows.clear()


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
                raise FieldError("external_id", f"{row.external_id!r} of source {row.source!r} "
                                                f"is already on {self.position} {earlier}")
            team_id = self.resolver.team_id(row)
        except FieldError as exc:
            return None, [exc]
        if row.rating is None:
            return None, []
        return {
            "source": row.source, "external_id": row.external_id, "kind": row.rating.kind,
            "raw_value": row.rating.raw_value, "score": row.rating.score, "satisfied": row.rating.satisfied,
            "rated_at": row.rated_at, "team_id": team_id, "agent_email": row.agent_email, "comment": None,
        }, []


def write_checked(rows: Iterable[dict], summary: ImportSummary) -> None:
    """Upsert rows already checked and given a team, as one batch of import_ratings; no commit."""
    _Batch({(row["source"], row["external_id"]): row for row in rows}).write(summary)


def import_ratings(
    rows: Iterable[tuple[int, Mapping | FieldError]],
    default_source: str | None = None,
    position: str = "line",
    batch_size: int = BATCH_SIZE,
) -> ImportSummary:
    """Import (position, fields) pairs; on any problem write nothing and raise RatingsRejected.

    A FieldError in place of the fields reports a row its reader could not split.
    """
    summary, batch, checker = ImportSummary(), _Batch(), _Checker(default_source, position)
    if db.session.get_bind().dialect.name == "postgresql":
        # The table grows during the import: a plan cached while it was small would scan it whole.
        db.session.execute(sa.text("SET LOCAL plan_cache_mode = force_custom_plan"))
    problems: list[Problem] = []
    total = 0
    try:
        for at, fields in rows:
            values, errors = checker.check(at, fields)
            if errors:
                total += len(errors)
                room = max(MAX_LISTED_PROBLEMS - len(problems), 0)
                problems.extend(Problem(at, e.field, e.message) for e in errors[:room])
            elif total:
                continue  # nothing will be written: only look for more problems
            elif values is None:
                summary.skipped += 1
            else:
                batch.rows[(values["source"], values["external_id"])] = values
                if len(batch.rows) >= batch_size:
                    batch.write(summary)
        if not total:
            batch.write(summary)
    except RatingsRejected as exc:
        problems.extend(exc.problems)
        total += exc.total
    except IntegrityError:
        db.session.rollback()
        message = "another import wrote the same ratings at the same time: import this file again"
        raise RatingsRejected([Problem(None, "file", message)]) from None
    if total:
        db.session.rollback()
        raise RatingsRejected(problems, total)
    db.session.commit()
    log.info("ratings imported: %s", summary.as_dict())
    return summary
