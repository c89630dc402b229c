"""Count the SQL statements the app sends, as the database driver sees them."""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from engage.extensions import db


@contextmanager
def counted() -> Iterator[list[str]]:
    """The statements run inside the block, in order."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
