"""Companies seeded once per run into template databases, copied for each test that asks for one.

A seeded value (a dataclass holding teams and people) is kept with model instances as references, and
read again from the test's own copy, so a test works with instances of its own session.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa
from flask import current_app

from engage import create_app
from engage.extensions import Model, db
from engage.insights import rollups
from tests.dashboard_data import seed_company
from tests.pooled_data import seed_pooled_company

Throwaway = Callable[..., Any]  # tests.conftest.throwaway_database


class Reference(NamedTuple):
    model: type
    id: int


def _with_rollups(seed: Callable[[], Any]) -> Callable[[], Any]:
    def seed_and_refresh() -> Any:
        seeded = seed()
        rollups.refresh(full=True)
        return seeded

    return seed_and_refresh


def seed_demo_from_the_cli() -> str:
    """`engage seed-demo` on the empty database (it refreshes the rollups itself); returns its output."""
    result = current_app.test_cli_runner().invoke(args=["engage", "seed-demo"])
    assert result.exit_code == 0, result.output
    return result.output


# Fixture name -> what fills its template
SEEDS: dict[str, Callable[[], Any]] = {
    "demo": seed_demo_from_the_cli,
    "company": _with_rollups(seed_company),
    "pooled_company": _with_rollups(seed_pooled_company),
}


def as_references(value: Any) -> Any:
    """value with each model instance in it (in dataclass fields, dicts and lists) as a Reference."""
    return _converted(value, lambda v: Reference(type(v), _key(v)) if isinstance(v, Model) else v)


def _key(instance: Model) -> int:
    identity = sa.inspect(instance).identity
    assert identity is not None, f"{instance!r} is not stored yet"
    return identity[0]


def loaded(value: Any) -> Any:
    """as_references undone: each Reference read from the current session."""
    return _converted(value, lambda v: db.session.get(v.model, v.id) if isinstance(v, Reference) else v)


def _converted(value: Any, convert: Callable[[Any], Any]) -> Any:
    if isinstance(value, dict):
        return {key: _converted(item, convert) for key, item in value.items()}
    if isinstance(value, list):
        return [_converted(item, convert) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return dataclasses.replace(
            value, **{f.name: _converted(getattr(value, f.name), convert) for f in fields}
        )
    return convert(value)


class Template(NamedTuple):
    url: str
    value: Any  # as_references of what the seed returned


class SeededDatabases:
    """Template databases made on first use from the migrated (empty) one, dropped by close()."""

    def __init__(self, migrated_url: str, directory: Path, throwaway: Throwaway, worker: str) -> None:
        self.migrated_url = migrated_url
        self.directory = directory
        self.throwaway = throwaway
        self.worker = worker
        self.templates: dict[str, Template] = {}
        self.stack = ExitStack()

    def wanted_by(self, fixture_names: list[str]) -> str | None:
        wanted = [name for name in SEEDS if name in fixture_names]
        assert len(wanted) <= 1, f"a test can have one seeded company, not {wanted}"
        return wanted[0] if wanted else None

    def template(self, name: str) -> Template:
        if name not in self.templates:
            self.templates[name] = self._seed(name)
        return self.templates[name]

    def copy(self, name: str, directory: Path) -> Iterator[str]:
        """A context manager: the URL of a new copy of the named template, dropped after."""
        template = self.template(name)
        return self.throwaway(directory / f"{name}.sqlite", f"engage_{name}_{self.worker}", template.url)

    def _seed(self, name: str) -> Template:
        path = self.directory / f"{name}.sqlite"
        url = self.stack.enter_context(
            self.throwaway(path, f"engage_{name}_template_{self.worker}", self.migrated_url)
        )
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            value = as_references(SEEDS[name]())
            db.session.remove()
            db.engine.dispose()
        return Template(url, value)

    def close(self) -> None:
        self.stack.close()
