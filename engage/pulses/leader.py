"""Leader election for the scheduler process.

PostgreSQL: a session-level advisory lock held on a dedicated connection; a standby keeps
trying and takes over when the leader's connection goes away. SQLite: a single scheduler process
is assumed (the row claims still keep two senders from sending one row twice).
"""
import logging

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)

LOCK_KEY = 0x656E6761  # "enga"


class LeaderLock:
    def __init__(self, engine: Engine, key: int = LOCK_KEY) -> None:
        self.engine = engine
        self.key = key
        self._conn: Connection | None = None

    def is_leader(self) -> bool:
        """Hold or try to take the lock; True while this process is the leader."""
        if self.engine.dialect.name != "postgresql":
            return True
        if self._conn is not None:
            try:
                self._conn.execute(sa.text("SELECT 1"))
                return True
            except sa.exc.DBAPIError:
                log.warning("lost the scheduler lock connection")
                self.release()
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        if conn.execute(sa.select(sa.func.pg_try_advisory_lock(self.key))).scalar():
            log.info("this scheduler is now the leader")
            self._conn = conn
            return True
        conn.close()
        return False

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.execute(sa.select(sa.func.pg_advisory_unlock(self.key)))
            except sa.exc.DBAPIError:
                pass
            self._conn.close()
            self._conn = None
