"""The migrations build the schema the models describe, and go down and up again cleanly."""

import warnings

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from engage import create_app
from engage.extensions import db
from tests.conftest import throwaway_database


@pytest.fixture
def scratch_database_url(tmp_path):
    """An empty database of its own, so the session's schema is not disturbed."""
    with throwaway_database(tmp_path / "migrations.sqlite", "engage_migrations") as url:
        yield url


def tables() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def schema_drift() -> list:
    """Differences between the migrated database and the models. SQLite cannot reflect the expression
    index on team_period_stat, so it is left out of the comparison there (PostgreSQL compares it)."""
    with db.engine.connect() as conn, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based index")
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


def test_a_database_stamped_with_a_revision_id_from_before_the_renumbering_upgrades(scratch_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": scratch_database_url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0007_response_rate")
        with db.engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '0006_response_rate'"))

        upgrade()

        assert tables() == set(db.metadata.tables)
        assert schema_drift() == []
        with db.engine.connect() as conn:
            head = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
        assert (
            head
            == ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config()).get_current_head()
        )
        db.engine.dispose()
