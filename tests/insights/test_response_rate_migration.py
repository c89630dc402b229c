"""Migration 0007 adds the answered count and has the next refresh rebuild the rollups it lacks."""

import sqlalchemy as sa
from flask_migrate import upgrade

from engage import create_app
from engage.extensions import db
from engage.insights.rollups import WATERMARK_KEY
from tests.conftest import throwaway_database


def test_upgrade_drops_the_watermark_so_old_rollups_are_rebuilt(tmp_path):
    with throwaway_database(tmp_path / "upgrade.sqlite", "engage_response_rate") as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            upgrade(revision="0004_rollup_refresh")
            with db.engine.begin() as conn:
                conn.execute(
                    sa.text(
                        "INSERT INTO setting (key, value, updated_at) VALUES "
                        "(:key, '2026-03-01T00:00:00', CURRENT_TIMESTAMP), "
                        "('kudos.channel', 'C1', CURRENT_TIMESTAMP)"
                    ),
                    {"key": WATERMARK_KEY},
                )
            upgrade(revision="0007_response_rate")
            with db.engine.connect() as conn:
                keys = set(conn.execute(sa.text("SELECT key FROM setting")).scalars())
            assert keys == {"kudos.channel"}
            columns = {c["name"] for c in sa.inspect(db.engine).get_columns("team_period_stat")}
            assert "answered" in columns
            db.engine.dispose()
