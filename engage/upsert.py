"""INSERT ... ON CONFLICT for the two databases engage runs on."""

from collections.abc import Sequence

from sqlalchemy.dialects import postgresql, sqlite

from engage.extensions import db


def _insert(model):
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


def insert_ignoring_duplicates(model, rows: list[dict], conflict_columns: Sequence[str]) -> None:
    if rows:
        db.session.execute(_insert(model).on_conflict_do_nothing(index_elements=conflict_columns), rows)


def insert_or_update(model, values: dict, conflict_columns: Sequence[str], update_columns: Sequence[str]):
    stmt = _insert(model).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=conflict_columns, set_={c: stmt.excluded[c] for c in update_columns}
    )
    return db.session.execute(stmt)


def insert_if_new(model, values: dict, conflict_columns: Sequence[str]) -> bool:
    """Insert one row unless it exists (in the current transaction); return whether it was new."""
    stmt = _insert(model).values(**values).on_conflict_do_nothing(index_elements=conflict_columns)
    return db.session.execute(stmt.returning(*model.__table__.primary_key.columns)).first() is not None
