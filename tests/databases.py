"""Throw-away databases for the test suite and the benchmarks."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from engage.config import normalise_database_url


@contextmanager
def throwaway_postgres(
    server_url: str, prefix: str, keep: bool = False, template: str | None = None
) -> Iterator[str]:
    """A new database on the server at server_url, dropped afterwards unless keep.

    Empty, or a copy of the database named `template` (which nobody may be connected to meanwhile).
    """
    admin_url = sa.make_url(normalise_database_url(server_url))
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    copying = f' TEMPLATE "{template}"' if template else ""
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if template:  # a connection a finished test left behind (a live server thread) refuses the copy
            conn.execute(
                sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :template"),
                {"template": template},
            )
        conn.execute(sa.text(f'CREATE DATABASE "{name}"{copying}'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
