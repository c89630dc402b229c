"""INSERT ... ON CONFLICT for the two databases engage runs on.

Each statement is built once per table, dialect and columns, then run with the row as parameters:
building it anew (and its ON CONFLICT's `excluded` columns) cost more than running it on every click.
"""

from collections.abc import Sequence
from functools import cache

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from engage.extensions import db


def _insert(table: sa.Table, dialect: str):
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


@cache
def _ignoring_duplicates(table: sa.Table, dialect: str, conflict_columns: tuple[str, ...]):
    return _insert(table, dialect).on_conflict_do_nothing(index_elements=conflict_columns)


@cache
def _updating(
    table: sa.Table, dialect: str, conflict_columns: tuple[str, ...], update_columns: tuple[str, ...]
):
    stmt = _insert(table, dialect)
    return stmt.on_conflict_do_update(
        index_elements=conflict_columns, set_={c: stmt.excluded[c] for c in update_columns}
    )


@cache
def _if_new(table: sa.Table, dialect: str, conflict_columns: tuple[str, ...]):
    return _ignoring_duplicates(table, dialect, conflict_columns).returning(*table.primary_key.columns)


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def insert_ignoring_duplicates(model, rows: list[dict], conflict_columns: Sequence[str]) -> None:
    if rows:
        db.session.execute(_ignoring_duplicates(model.__table__, _dialect(), tuple(conflict_columns)), rows)


def insert_or_update(model, values: dict, conflict_columns: Sequence[str], update_columns: Sequence[str]):
    stmt = _updating(model.__table__, _dialect(), tuple(conflict_columns), tuple(update_columns))
    return db.session.execute(stmt, values)


def insert_if_new(model, values: dict, conflict_columns: Sequence[str]) -> bool:
    """Insert one row unless it exists (in the current transaction); return whether it was new."""
    stmt = _if_new(model.__table__, _dialect(), tuple(conflict_columns))
    return db.session.execute(stmt, values).first() is not None
