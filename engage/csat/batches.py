"""Write checked rows all-or-nothing: upserted in batches on (source, external_id), in one transaction.

Ratings and ticket outcomes share it; a Target names the table, the columns a re-import may change and
the column that dates a row in the rollups.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from engage.csat.scales import FieldError
from engage.extensions import db
from engage.insights.changes import mark_stale
from engage.models import Rating, TicketOutcome
from engage.models.base import utcnow
from engage.validation.problems import MAX_LISTED_PROBLEMS

log = logging.getLogger(__name__)

BATCH_SIZE = 1000


@dataclass(frozen=True)
class Problem:
    """What to fix, and where: a CSV line number or a JSON list index."""

    at: int | None
    field: str
    message: str


class RatingsRejected(Exception):
    """Nothing was imported (ratings or ticket outcomes): problems lists the first of `total`."""

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
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }


@dataclass(frozen=True)
class Target:
    model: type[Rating] | type[TicketOutcome]
    compared: tuple[str, ...]  # the columns a re-import may change (team_id and dated_by among them)
    dated_by: str
    change_kind: str  # the kind of rows whose rollups a moved row leaves stale


@dataclass
class _Batch:
    target: Target
    rows: dict[tuple[str, str], dict] = field(default_factory=dict)

    def write(self, summary: ImportSummary) -> None:
        model, compared, dated_by = self.target.model, self.target.compared, self.target.dated_by
        by_source: dict[str, list[str]] = defaultdict(list)
        for source, external_id in self.rows:
            by_source[source].append(external_id)
        existing = {}
        for source, external_ids in by_source.items():
            found = db.session.execute(
                sa.select(model.id, model.external_id, *(getattr(model, c) for c in compared)).where(
                    model.source == source, model.external_id.in_(external_ids)
                )
            ).mappings()
            existing.update({(source, row["external_id"]): row for row in found})
        inserts, updates, moved, now = [], [], set(), utcnow()
        for key, values in self.rows.items():
            old = existing.get(key)
            if old is None:
                inserts.append(values | {"imported_at": now})
            elif any(old[c] != values[c] for c in compared):
                updates.append({c: values[c] for c in compared} | {"id": old["id"], "imported_at": now})
                if (old["team_id"], old[dated_by].date()) != (values["team_id"], values[dated_by].date()):
                    moved.add((old[dated_by].date(), old["team_id"]))
            else:
                summary.unchanged += 1
        # Core statements on the table: one executemany per batch, whichever columns are None.
        table = model.__table__
        if inserts:
            db.session.execute(table.insert(), inserts)
        if updates:
            changes: dict[str, sa.BindParameter] = {c: sa.bindparam(c) for c in (*compared, "imported_at")}
            db.session.execute(
                table.update().where(table.c.id == sa.bindparam("row_id")).values(changes),
                [{**u, "row_id": u["id"]} for u in updates],
            )
        mark_stale(self.target.change_kind, moved)  # where the moved rows counted until now
        summary.created += len(inserts)
        summary.updated += len(updates)
        self.rows.clear()


def write_rows(target: Target, rows: Iterable[dict], summary: ImportSummary) -> None:
    """Upsert rows already checked and given a team, as one batch of store_all; no commit."""
    _Batch(target, {(row["source"], row["external_id"]): row for row in rows}).write(summary)


CheckedRow = tuple[int | None, dict | None, list[FieldError]]


def store_all(target: Target, checked: Iterable[CheckedRow], batch_size: int = BATCH_SIZE) -> ImportSummary:
    """Store (position, values, problems) rows; values None without problems is a skipped row.

    On any problem nothing is written (RatingsRejected lists the first MAX_LISTED_PROBLEMS); commits.
    """
    summary, batch = ImportSummary(), _Batch(target)
    if db.session.get_bind().dialect.name == "postgresql":
        # The table grows during the import: a plan cached while it was small would scan it whole.
        db.session.execute(sa.text("SET LOCAL plan_cache_mode = force_custom_plan"))
    problems: list[Problem] = []
    total = 0
    try:
        for at, values, errors in checked:
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
        message = "another import wrote the same rows at the same time: import this file again"
        raise RatingsRejected([Problem(None, "file", message)]) from None
    if total:
        db.session.rollback()
        raise RatingsRejected(problems, total)
    db.session.commit()
    log.info("%s imported: %s", target.model.__tablename__, summary.as_dict())
    return summary
