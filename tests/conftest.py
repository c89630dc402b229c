"""Fixtures: an app on SQLite (default) or on the real PostgreSQL when TEST_DATABASE_URL is set.

Each pytest run (each pytest-xdist worker) gets its own database (a temp SQLite file, or a fresh
PostgreSQL database created beside TEST_DATABASE_URL's), built by the real migrations; every test
starts empty, except that a test asking for a seeded company (`demo`, `company`, `pooled_company`)
gets its own copy of a database seeded once (tests/seeded_databases.py).
"""

from __future__ import annotations

import gc
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import g, request_started
from flask_migrate import upgrade
from werkzeug.security import generate_password_hash

from engage import create_app
from engage.auth import passwords
from engage.extensions import db
from engage.models import Employee, Team, User
from tests.dashboard_data import Company
from tests.databases import throwaway_postgres
from tests.fake_slack import FakeSlack
from tests.pooled_data import PooledCompany
from tests.seeded_databases import SeededDatabases, loaded, remove_shared_seeds, shared_seeds
from tests.slack_requests import SIGNING_SECRET
from tests.url_builders import keep_compiled_url_builders

PASSWORD = "correct horse battery"
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")  # gw0, gw1, ... under pytest-xdist
# One salted PBKDF2 round instead of werkzeug's scrypt (~0.15 s of CPU a hash or check): tests only.
CHEAP_HASH_METHOD = "pbkdf2:sha256:1"
STARTED_THE_RUN = pytest.StashKey[bool]()


@contextmanager
def throwaway_database(sqlite_path: Path, prefix: str, template_url: str | None = None) -> Iterator[str]:
    """A new database: a SQLite file, or on TEST_DATABASE_URL's server a database dropped after.

    Empty, or a copy of the database at template_url, which nothing may be connected to meanwhile.
    """
    server_url = os.environ.get("TEST_DATABASE_URL")
    if not server_url:
        if template_url:
            template_file = sa.make_url(template_url).database
            assert template_file, template_url
            shutil.copyfile(template_file, sqlite_path)
        yield "sqlite:///" + str(sqlite_path)
        if template_url:
            sqlite_path.unlink(missing_ok=True)
        return
    template = sa.make_url(template_url).database if template_url else None
    with throwaway_postgres(server_url, prefix, template=template) as url:
        yield url


def pytest_configure(config: pytest.Config) -> None:
    keep_compiled_url_builders()
    config.stash[STARTED_THE_RUN] = shared_seeds()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Take what collection loaded (the app's modules, pandas, schemathesis' schema) out of the cyclic
    garbage collector's view, and collect the youngest objects every 10,000 allocations instead of 700:
    about a tenth of the suite's CPU went on collections that walked the same objects again and again."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


def pytest_unconfigure(config: pytest.Config) -> None:
    if config.stash.get(STARTED_THE_RUN, False):
        remove_shared_seeds()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark database_free the tests that open no database: each database fixture starts from
    database_url, and a test that makes its own database imports throwaway_database. scripts/test.sh
    runs these once, on SQLite, not again on PostgreSQL, where they would do the same work."""
    for item in items:
        module = getattr(item, "module", None)
        own_database = any(hasattr(module, name) for name in ("throwaway_database", "throwaway_postgres"))
        if "database_url" not in getattr(item, "fixturenames", ()) and not own_database:
            item.add_marker(pytest.mark.database_free)


@pytest.fixture(autouse=True)
def cheap_password_hashing(request, monkeypatch):
    """Hash test passwords cheaply, unless the test is marked real_password_hashing."""
    if request.node.get_closest_marker("real_password_hashing"):
        passwords._dummy_hash.cache_clear()  # a cheap dummy hash would make unknown emails answer fast
        yield
        passwords._dummy_hash.cache_clear()
        return
    monkeypatch.setattr(generate_password_hash, "__defaults__", (CHEAP_HASH_METHOD, 16))
    yield


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    with throwaway_database(tmp_path_factory.mktemp("db") / "engage.sqlite", f"engage_test_{WORKER}") as url:
        yield url


@pytest.fixture(scope="session")
def migrated(database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True})
    with app.app_context():
        upgrade()
        _empty_all_tables()  # the migrations' default data (e.g. the question bank) too
        db.engine.dispose()
    return database_url


def _empty_all_tables() -> None:
    """DELETE, not TRUNCATE: a test leaves a few rows, and PostgreSQL's TRUNCATE of every table took
    0.1-0.5 s a test (new files for each table), its DELETE a few milliseconds. All the statements are
    sent at once (one round trip instead of some seventy: 27 ms a test on PostgreSQL)."""
    db.session.commit()
    preparer = db.engine.dialect.identifier_preparer
    script = [f"DELETE FROM {preparer.format_table(t)}" for t in reversed(db.metadata.sorted_tables)]
    connection = db.engine.raw_connection()
    try:
        if db.engine.dialect.name == "postgresql":  # as TRUNCATE ... RESTART IDENTITY did: ids start at 1
            script.append("SELECT setval(oid, 1, false) FROM pg_class WHERE relkind = 'S'")
            connection.cursor().execute(";\n".join(script))
            connection.commit()
        else:
            sqlite = connection.driver_connection
            sqlite.executescript(";\n".join(["BEGIN", *script, "COMMIT"]))  # type: ignore[union-attr]
    finally:
        connection.close()


@pytest.fixture(scope="session")
def seeded_databases(migrated) -> SeededDatabases:
    return SeededDatabases(migrated, throwaway_database, WORKER)


@pytest.fixture
def app_database(request, migrated, seeded_databases, tmp_path) -> Iterator[str]:
    """The session's database, emptied after each test; a test that asks for a seeded company (demo,
    company, pooled_company) gets a copy of its own of a database seeded once."""
    name = seeded_databases.wanted_by([n for n in request.fixturenames if _defined_here(request, n)])
    if name is None:
        yield migrated
        return
    with seeded_databases.copy(name, tmp_path) as url:
        yield url


def _defined_here(request, name: str) -> bool:
    """Whether the fixture a test gets under this name is this module's, or a package's that builds on it
    (asks for it by its own name); a package's own `company` must not get a copy of the seeded one as well."""
    for definition in reversed(request._pyfuncitem._fixtureinfo.name2fixturedefs.get(name, ())):
        if definition.func.__module__ == __name__:
            return True
        if name not in definition.argnames:
            return False
    return False


@pytest.fixture
def demo(app, seeded_databases) -> str:
    """The demo company, as `engage seed-demo` leaves an empty database; returns what the command said."""
    return seeded_databases.template("demo").value


@pytest.fixture
def company(app, seeded_databases) -> Company:
    """The small company of tests/dashboard_data.py: teams, pulses, ratings and kudos, rollups refreshed."""
    return loaded(seeded_databases.template("company").value)


@pytest.fixture
def pooled_company(app, seeded_databases) -> PooledCompany:
    """The many-team company of tests/pooled_data.py, rollups refreshed."""
    return loaded(seeded_databases.template("pooled_company").value)


@pytest.fixture
def test_config(app_database) -> dict:
    """Override in a test module to change settings; the app fixture applies it."""
    return {
        "SQLALCHEMY_DATABASE_URI": app_database,
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test",
        "SERVER_NAME": None,
        "SLACK_BOT_TOKEN": "",
        "SLACK_SIGNING_SECRET": "",
        "RATELIMIT_ENABLED": False,  # tests/web/test_hardening_sign_in.py turns it on
    }


@pytest.fixture
def app(test_config, app_database, migrated):
    app = create_app(test_config)

    def forget_the_previous_request(sender, **extra):
        """Requests reuse the test's app context, so clear g (Flask-Login's cached user, g.principal)."""
        g.__dict__.clear()

    request_started.connect(forget_the_previous_request, app)
    with app.app_context():
        yield app
        if "engage.slack_background" in app.extensions:
            app.extensions["engage.slack_background"].shutdown()
        db.session.remove()
        if app_database == migrated:  # a copy is dropped whole
            _empty_all_tables()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def fake_slack():
    with FakeSlack() as slack:
        yield slack


@pytest.fixture
def slack_config(test_config, fake_slack) -> dict:
    """test_config with Slack connected to the fake Web API; use as a module's test_config."""
    return test_config | {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
    }


@pytest.fixture
def make_team(app):
    def make(name: str = "Support", parent: Team | None = None) -> Team:
        team = Team(name=name, parent=parent)
        db.session.add(team)
        db.session.commit()
        return team

    return make


@pytest.fixture
def make_employee(app):
    counter = iter(range(1, 100_000))

    def make(team: Team | None = None, **fields) -> Employee:
        n = next(counter)
        values = {
            "email": f"person{n}@example.com",
            "name": f"Person {n}",
            "slack_user_id": f"U{n:06d}",
            "timezone": "Europe/London",
        } | fields
        employee = Employee(team=team, **values)
        db.session.add(employee)
        db.session.commit()
        return employee

    return make


@pytest.fixture
def make_user(app):
    def make(role: str = "hr", email: str | None = None, employee: Employee | None = None) -> User:
        user = User(email=email or f"{role}-{uuid.uuid4().hex[:6]}@example.com", role=role, employee=employee)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def login(client):
    def sign_in(user: User):
        response = client.post("/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.data
        return client

    return sign_in
