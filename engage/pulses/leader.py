"""Leader election for the scheduler process.

PostgreSQL: a session-level advisory lock held on a dedicated, unpooled connection (closing it
really disconnects, so the lock can never linger in a pool); a standby keeps trying and takes over
when the leader's connection goes away. SQLite: a single scheduler process
is assumed (the row claims still keep two senders from sending one row twice).
"""

import logging
import threading

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)

LOCK_KEY = 0x656E6761  # "enga"


class LeaderLock:
    def __init__(self, engine: Engine, key: int = LOCK_KEY) -> None:
        self.engine = engine
        self.key = key
        self._lock_engine: Engine | None = None
        self._conn: Connection | None = None
        self._guard = threading.Lock()  # the scheduler runs jobs on several threads

    def is_leader(self) -> bool:
        """Hold or try to take the lock; True while this process is the leader."""
        if self.engine.dialect.name != "postgresql":
            return True
        with self._guard:
            return self._hold_or_take()

    def _hold_or_take(self) -> bool:
        if self._conn is not None:
            try:
                self._conn.execute(sa.text("SELECT 1"))
                return True
            except sa.exc.DBAPIError:
                log.warning("lost the scheduler lock connection")
                self._close()
        if self._lock_engine is None:
            self._lock_engine = sa.create_engine(
                self.engine.url, poolclass=NullPool, isolation_level="AUTOCOMMIT"
            )
        conn = self._lock_engine.connect()
        if conn.execute(sa.select(sa.func.pg_try_advisory_lock(self.key))).scalar():
            log.info("this scheduler is now the leader")
            self._conn = conn
            return True
        conn.close()
        return False

    def release(self) -> None:
        with self._guard:
            self._close()

    def _close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.execute(sa.select(sa.func.pg_advisory_unlock(self.key)))
            except sa.exc.DBAPIError:
                pass
            self._conn.close()
            self._conn = None
