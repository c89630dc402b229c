"""CPU time that processes spent, read from /proc (Linux): what a benchmark's work cost, busy or not."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of one process (all its threads); 0 once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rpartition(")")[2].split()  # after the name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / TICKS


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(child) for child in task.read_text().split()]
    return found


def database_backends(url: str) -> list[int]:
    """The PostgreSQL server processes serving connections to this database (none on SQLite)."""
    if not url.startswith("postgresql"):
        return []
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        return list(
            connection.scalars(
                sa.text(
                    "SELECT pid FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        )


@dataclass
class CpuShares:
    """CPU seconds spent by an app server's workers, its database's backends and this process."""

    workers: float
    database: float
    here: float

    def per_click_ms(self, clicks: int) -> str:
        each = [1000 * seconds / max(clicks, 1) for seconds in (self.workers, self.database, self.here)]
        workers, database, here = each
        return f"CPU a click: workers {workers:.2f} ms, PostgreSQL {database:.2f}, fake Slack {here:.2f}"


def measure(server_pid: int, database_url: str | None) -> CpuShares:
    """The CPU spent so far; subtract two of these to get what happened in between."""
    workers = sum(cpu_seconds(pid) for pid in children(server_pid))
    database = sum(cpu_seconds(pid) for pid in database_backends(database_url)) if database_url else 0.0
    return CpuShares(workers, database, cpu_seconds(os.getpid()))


def spent(before: CpuShares, after: CpuShares) -> CpuShares:
    return CpuShares(
        after.workers - before.workers, after.database - before.database, after.here - before.here
    )
