"""Companies seeded once per run into template databases, copied for each test that asks for one.

Once per run, not per pytest-xdist worker: the first worker to need a company seeds it (the others wait
on a file lock) and leaves the template and what the seed returned in the run's shared folder
(shared_seeds); the process that started the run removes them at its end (remove_shared_seeds).

A seeded value (a dataclass holding teams and people) is kept with model instances as references, and
read again from the test's own copy, so a test works with instances of its own session.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa
from filelock import FileLock
from flask import current_app

from engage import create_app
from engage.extensions import Model, db
from engage.insights import rollups
from tests.dashboard_data import seed_company
from tests.databases import create_postgres, drop_postgres
from tests.pooled_data import seed_pooled_company

Throwaway = Callable[..., Any]  # tests.conftest.throwaway_database
# Set by the process that starts the run, inherited by its pytest-xdist workers.
RUN_VARIABLE = "ENGAGE_TEST_SEEDS"


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


def shared_seeds() -> bool:
    """Give this run a shared folder for its seeded templates, unless it has one; True if it is new."""
    if RUN_VARIABLE in os.environ:
        return False
    os.environ[RUN_VARIABLE] = tempfile.mkdtemp(prefix="engage-seeds-")
    return True


def remove_shared_seeds() -> None:
    folder = Path(os.environ.pop(RUN_VARIABLE))
    server_url = os.environ.get("TEST_DATABASE_URL")
    if server_url:
        drop_postgres(server_url, f"engage\\_%\\_seeded\\_{folder.name[-8:]}", every_name_like=True)
    shutil.rmtree(folder, ignore_errors=True)


class SeededDatabases:
    """Template databases made on first use from the migrated (empty) one (see the module's docstring)."""

    def __init__(self, migrated_url: str, throwaway: Throwaway, worker: str) -> None:
        self.migrated_url = migrated_url
        self.shared = Path(os.environ[RUN_VARIABLE])
        self.throwaway = throwaway
        self.worker = worker
        self.templates: dict[str, Template] = {}

    def wanted_by(self, fixture_names: list[str]) -> str | None:
        wanted = [name for name in SEEDS if name in fixture_names]
        assert len(wanted) <= 1, f"a test can have one seeded company, not {wanted}"
        return wanted[0] if wanted else None

    def template(self, name: str) -> Template:
        if name not in self.templates:
            self.templates[name] = self._shared(name)
        return self.templates[name]

    def copy(self, name: str, directory: Path) -> Iterator[str]:
        """A context manager: the URL of a new copy of the named template, dropped after."""
        template = self.template(name)
        return self.throwaway(directory / f"{name}.sqlite", f"engage_{name}_{self.worker}", template.url)

    def _shared(self, name: str) -> Template:
        with FileLock(self.shared / f"{name}.lock"):
            saved = self.shared / f"{name}.pickle"
            if saved.exists():
                template: Template = pickle.loads(saved.read_bytes())
                return template
            template = self._seed(name)
            saved.write_bytes(pickle.dumps(template))
            return template

    def _seed(self, name: str) -> Template:
        server_url = os.environ.get("TEST_DATABASE_URL")
        if server_url:
            migrated = sa.make_url(self.migrated_url).database
            unique = f"{uuid.uuid4().hex[:6]}_seeded_{self.shared.name[-8:]}"
            url = create_postgres(server_url, f"engage_{name}_{unique}", template=migrated)
        else:
            path = self.shared / f"{name}.sqlite"
            shutil.copyfile(str(sa.make_url(self.migrated_url).database), path)
            url = "sqlite:///" + str(path)
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            value = as_references(SEEDS[name]())
            db.session.remove()
            db.engine.dispose()
        return Template(url, value)
