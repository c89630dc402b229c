"""Throw-away databases for the test suite and the benchmarks."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from engage.config import normalise_database_url


def _admin(server_url: str) -> tuple[sa.URL, sa.Engine]:
    admin_url = sa.make_url(normalise_database_url(server_url))
    return admin_url, sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")


def create_postgres(server_url: str, name: str, template: str | None = None) -> str:
    """A new database on the server at server_url, empty or a copy of the database named `template`
    (which nobody may be connected to meanwhile); returns its URL."""
    admin_url, admin = _admin(server_url)
    copying = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as conn:
        if template:  # a connection a finished test left behind (a live server thread) refuses the copy
            conn.execute(
                sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :template"),
                {"template": template},
            )
        conn.execute(sa.text(f'CREATE DATABASE "{name}"{copying}'))
    admin.dispose()
    return admin_url.set(database=name).render_as_string(hide_password=False)


def drop_postgres(server_url: str, name: str, *, every_name_like: bool = False) -> None:
    """Drop the database `name`, or every_name_like: those whose names are LIKE it."""
    _, admin = _admin(server_url)
    with admin.connect() as conn:
        names = [name]
        if every_name_like:
            found = conn.scalars(
                sa.text("SELECT datname FROM pg_database WHERE datname LIKE :n"), {"n": name}
            )
            names = list(found)
        for each in names:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{each}" WITH (FORCE)'))
    admin.dispose()


@contextmanager
def throwaway_postgres(
    server_url: str, prefix: str, keep: bool = False, template: str | None = None
) -> Iterator[str]:
    """A new database on the server at server_url (see create_postgres), dropped afterwards unless keep."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    url = create_postgres(server_url, name, template)
    try:
        yield url
    finally:
        if not keep:
            drop_postgres(server_url, name)
