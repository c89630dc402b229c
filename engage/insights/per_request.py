"""Values read once per request (the team tree, the rollup version) and shared by every service call in it."""

from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import g, has_request_context

Value = TypeVar("Value")
STORE = "insights_per_request"


def once(name: Hashable, make: Callable[[], Value]) -> Value:
    """make()'s value, kept until the request ends; outside a request (CLI, jobs) made on every call."""
    if not has_request_context():
        return make()
    store = g.setdefault(STORE, {})
    if name not in store:
        store[name] = make()
    return store[name]
