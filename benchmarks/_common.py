"""Shared by the benchmark scripts: the repo on sys.path, throw-away databases, percentiles, the app."""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


from tests.databases import throwaway_postgres  # noqa: E402

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextlib.contextmanager
def fresh_database(kind: str, server_url: str | None = None, keep: bool = False) -> Iterator[str]:
    """Yield the URL of a new empty database: a temp SQLite file, or a new PostgreSQL database."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="engage-bench-") as folder:
            yield f"sqlite:///{folder}/bench.sqlite"
        return
    with throwaway_postgres(
        server_url or os.environ.get("BENCH_PG_URL", DEFAULT_PG), "engage_bench", keep
    ) as url:
        yield url


@contextlib.contextmanager
def kept_database(kind: str, name: str, server_url: str | None = None) -> Iterator[tuple[str, bool]]:
    """Yield the URL of a database kept between runs under `name`, and whether it existed already.

    SQLite: a file in the system's temp folder; PostgreSQL: a database of that name on the server.
    """
    if kind == "sqlite":
        path = Path(tempfile.gettempdir()) / f"{name}.sqlite"
        yield f"sqlite:///{path}", path.exists()
        return
    import sqlalchemy as sa

    from engage.config import normalise_database_url

    admin_url = sa.make_url(normalise_database_url(server_url or os.environ.get("BENCH_PG_URL", DEFAULT_PG)))
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        existed = conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
        if not existed:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    yield admin_url.set(database=name).render_as_string(hide_password=False), bool(existed)


def make_app(database_url: str, **config):
    """The real app on `database_url`, schema migrated to head; returns it with no context pushed."""
    import logging

    from flask_migrate import upgrade

    from engage import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, **config})
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with app.app_context():
        upgrade()
    return app


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return (
        statistics.quantiles(ordered, n=1000, method="inclusive")[int(share * 1000) - 1]
        if len(ordered) > 1
        else ordered[0]
    )


@contextlib.contextmanager
def timed(label: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)
