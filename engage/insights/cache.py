"""Confidential figures kept between requests until the rollups change: one cache per app and process.

An entry is keyed on everything its figures depend on: the rollup version (rewritten by a
`rollups.refresh()` that recomputed something, in the transaction that writes the rollups), the team tree, the
principal's visible teams, granularity, window and thresholds. Entries are dropped least recently
used first once they hold more than INSIGHTS_CACHE_ROWS rows in all (0 turns the cache off).
"""

import threading
from collections.abc import Callable, Hashable
from datetime import date
from typing import Any, NamedTuple

from cachetools import LRUCache
from flask import Flask, current_app

from engage.insights import shared
from engage.insights.scope import Tree

EXTENSION_KEY = "engage.insights.cache"


class Key(NamedTuple):
    """What every figure depends on besides the scopes: an entry is valid while all of these hold."""

    version: str | None
    tree: tuple
    visible: frozenset[int] | None
    granularity: str
    first: date
    last: date
    threshold: int


class Entry(NamedTuple):
    """A cache entry's key: the figures it was made from (None: its inputs are all in what), and what it is
    (a name and its arguments)."""

    figures: Key | None
    what: Hashable


class Sized(NamedTuple):
    rows: int
    value: Any


class FiguresCache:
    """A least-recently-used map from entries to values, bounded by the rows the values hold."""

    def __init__(self, max_rows: int) -> None:
        self._lru: LRUCache[Hashable, Sized] = LRUCache(max_rows, getsizeof=lambda sized: sized.rows)
        self._lock = threading.Lock()

    @property
    def rows(self) -> int:
        return int(self._lru.currsize)

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            found = self._lru.get(key)
        return None if found is None else found.value

    def find(self, match: Callable[[Any], bool]) -> Any | None:
        """A value whose key matches (now the most recently used), or None."""
        with self._lock:
            key = next((key for key in self._lru if match(key)), None)
            return None if key is None else self._lru[key].value

    def put(self, key: Hashable, value: Any, rows: int) -> None:
        if rows > self._lru.maxsize:
            return
        with self._lock:
            self._lru[key] = Sized(rows, value)

    def items(self) -> list[tuple[Hashable, Sized]]:
        with self._lock:
            return list(self._lru.items())

    def clear(self) -> None:
        with self._lock:
            self._lru.clear()

    def __len__(self) -> int:
        return len(self._lru)


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = FiguresCache(app.config["INSIGHTS_CACHE_ROWS"])


def figures_cache() -> FiguresCache:
    return current_app.extensions[EXTENSION_KEY]


def key(tree: Tree, granularity: str, first: date, last: date, threshold: int) -> Key:
    shared.offer(tree)  # before the first look-up of the figures read with this tree
    visible = None if tree.visible is None else frozenset(tree.visible)
    return Key(tree.rollup_version, tree.fingerprint, visible, granularity, first, last, threshold)


def remembered(
    cache_key: Key, what: tuple, compute: Callable[[], Any], rows: Callable[[Any], int] = len
) -> Any:
    """A result made from what the rollups under cache_key hold (what names it), kept beside them.

    rows gives its size against the cache's bound.
    """
    return remembered_as(Entry(cache_key, what), compute, rows)


def remembered_each(
    cache_key: Key, whats: list[tuple], compute: Callable[[list[tuple]], list[Any]], rows: int
) -> list[Any]:
    """remembered() for each of whats, kept one by one (a result for fewer or other items reuses them);
    compute makes the missing ones, in one pass, in the order given."""
    cache = figures_cache()
    found = {what: cache.get(Entry(cache_key, what)) for what in whats}
    if None in found.values():
        shared.offer_part(whats[0])
        found = {what: cache.get(Entry(cache_key, what)) for what in whats}
    missing = [what for what, value in found.items() if value is None]
    for what, value in zip(missing, compute(missing) if missing else [], strict=True):
        cache.put(Entry(cache_key, what), value, rows)
        found[what] = value
    return [found[what] for what in whats]


def by_content(what: Hashable, compute: Callable[[], Any], rows: Callable[[Any], int] = len) -> Any:
    """A result that depends on nothing but what (which holds its inputs themselves), kept whatever the
    rollup version: after a refresh, only the results whose inputs changed are made again."""
    return remembered_as(Entry(None, what), compute, rows)


def remembered_as(entry: Entry, compute: Callable[[], Any], rows: Callable[[Any], int]) -> Any:
    cache = figures_cache()
    found = cache.get(entry)
    if found is None and entry.figures is not None:
        shared.offer_part(entry.what)
        found = cache.get(entry)
    if found is None:
        found = compute()
        cache.put(entry, found, rows(found))
    return found
