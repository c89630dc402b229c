"""The migrations build the schema the models describe, and go down and up again cleanly."""
import os
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from engage import create_app
from engage.config import normalise_database_url
from engage.extensions import db


@pytest.fixture
def scratch_database_url(tmp_path):
    """An empty database of its own, so the session's schema is not disturbed."""
    server_url = os.environ.get("TEST_DATABASE_URL")
    if not server_url:
        yield "sqlite:///" + str(tmp_path / "migrations.sqlite")
        return
    admin_url = sa.make_url(normalise_database_url(server_url))
    name = f"engage_migrations_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield admin_url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def tables() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def schema_drift() -> list:
    with db.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)


def test_upgrade_downgrade_upgrade(scratch_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": scratch_database_url, "TESTING": True})
    with app.app_context():
        upgrade()
        assert tables() == set(db.metadata.tables)
        assert schema_drift() == []

        downgrade(revision="base")
        assert tables() == set()

        upgrade()
        assert tables() == set(db.metadata.tables)
        db.engine.dispose()
