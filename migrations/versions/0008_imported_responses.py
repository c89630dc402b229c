"""imported responses: pulse_delivery.status 'imported' for answers brought in from a previous survey tool

Revision ID: 0008_imported_responses
Revises: 0007_response_rate
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_imported_responses"
down_revision = "0007_response_rate"
branch_labels = None
depends_on = None

WITH_IMPORTED = "status IN ('pending', 'sent', 'failed', 'skipped', 'imported')"
WITHOUT_IMPORTED = "status IN ('pending', 'sent', 'failed', 'skipped')"


def _status_check(condition: str) -> None:
    with op.batch_alter_table("pulse_delivery", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_pulse_delivery_status"), type_="check")
        batch_op.create_check_constraint("status", sa.text(condition))


def upgrade():
    _status_check(WITH_IMPORTED)


def downgrade():
    # The old schema cannot hold imported answers: they go, and the next refresh rebuilds the rollups.
    imported = "SELECT id FROM pulse_delivery WHERE status = 'imported'"
    op.execute(sa.text(f"DELETE FROM pulse_response WHERE delivery_id IN ({imported})"))
    op.execute(sa.text("DELETE FROM pulse_delivery WHERE status = 'imported'"))
    op.execute(sa.text("DELETE FROM setting WHERE key = 'insights.rollups.watermark'"))
    _status_check(WITHOUT_IMPORTED)
