"""Confidential figures kept between requests until the rollups change: one cache per app and process.

An entry is keyed on everything its figures depend on: the rollup version (rewritten by a
`rollups.refresh()` that recomputed something, in the transaction that writes the rollups), the team tree, the
principal's visible teams, granularity, window and thresholds. Entries are dropped least recently
used first once they hold more than INSIGHTS_CACHE_ROWS rows in all (0 turns the cache off).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from flask import Flask, current_app

from engage.extensions import db
from engage.insights.rollups import VERSION_KEY
from engage.insights.scope import Tree
from engage.models import Setting

EXTENSION_KEY = "engage.insights.cache"


class Key(NamedTuple):
    version: str | None
    tree: tuple
    visible: frozenset[int] | None
    granularity: str
    first: date
    last: date
    threshold: int


class FiguresCache:
    """A least-recently-used map from keys to values, bounded by the rows the values hold."""

    def __init__(self, max_rows: int) -> None:
        self.max_rows = max_rows
        self.rows = 0
        self._entries: OrderedDict[tuple, tuple[int, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Any | None:
        with self._lock:
            if key not in self._entries:
                return None
            self._entries.move_to_end(key)
            return self._entries[key][1]

    def find(self, match: Callable[[tuple], bool]) -> Any | None:
        """The most recently used value whose key matches, or None."""
        with self._lock:
            for key in reversed(self._entries):
                if match(key):
                    self._entries.move_to_end(key)
                    return self._entries[key][1]
        return None

    def put(self, key: tuple, value: Any, rows: int) -> None:
        if rows > self.max_rows:
            return
        with self._lock:
            if key in self._entries:
                self.rows -= self._entries.pop(key)[0]
            self._entries[key] = (rows, value)
            self.rows += rows
            while self.rows > self.max_rows:
                self.rows -= self._entries.popitem(last=False)[1][0]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.rows = 0

    def __len__(self) -> int:
        return len(self._entries)


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = FiguresCache(app.config["INSIGHTS_CACHE_ROWS"])


def figures_cache() -> FiguresCache:
    return current_app.extensions[EXTENSION_KEY]


def rollup_version() -> str | None:
    """Changes whenever refresh() writes rollups; read it before the rollups so an entry is never older."""
    return db.session.scalar(db.select(Setting.value).where(Setting.key == VERSION_KEY))


def key(tree: Tree, granularity: str, first: date, last: date, threshold: int) -> Key:
    visible = None if tree.visible is None else frozenset(tree.visible)
    return Key(rollup_version(), tree.fingerprint, visible, granularity, first, last, threshold)


def remembered(
    cache_key: Key, what: tuple, compute: Callable[[], Any], rows: Callable[[Any], int] = len
) -> Any:
    """A result made from what the rollups under cache_key hold (what names it), kept beside them.

    rows gives its size against the cache's bound.
    """
    cache = figures_cache()
    full_key = (cache_key, *what)
    found = cache.get(full_key)
    if found is None:
        found = compute()
        cache.put(full_key, found, rows(found))
    return found
