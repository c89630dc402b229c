"""Migration 0012 dates the leaving of people already inactive by their record's last update."""

import sqlalchemy as sa
from flask_migrate import upgrade

from engage import create_app
from engage.extensions import db
from tests.conftest import throwaway_database

INSERT = (
    "INSERT INTO employee (email, name, active, pulse_paused, created_at, updated_at) VALUES "
    "(:email, :email, :active, false, '2025-01-01 00:00:00', '2025-06-30 12:00:00')"
)


def test_people_already_inactive_left_on_their_last_update(tmp_path):
    with throwaway_database(tmp_path / "upgrade.sqlite", "engage_left_at") as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
        with app.app_context():
            upgrade(revision="0013_conversations_and_alerts")
            with db.engine.begin() as conn:
                conn.execute(
                    sa.text(INSERT),
                    [{"email": "gone@x.com", "active": False}, {"email": "here@x.com", "active": True}],
                )

            upgrade(revision="0014_retention_and_audit_log")

            with db.engine.connect() as conn:
                left = dict(conn.execute(sa.text("SELECT email, left_at FROM employee")).all())
            assert {email: str(value)[:19] if value else None for email, value in left.items()} == {
                "gone@x.com": "2025-06-30 12:00:00",
                "here@x.com": None,
            }
            db.engine.dispose()
