"""response rate: team_period_stat.answered (pulses answered of those delivered, beside n delivered)

Revision ID: 0007_response_rate
Revises: 0006_session_version
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_response_rate"
down_revision = "0006_session_version"
branch_labels = None
depends_on = None

WATERMARK_KEY = "insights.rollups.watermark"


def upgrade():
    op.add_column("team_period_stat", sa.Column("answered", sa.Integer(), nullable=False, server_default="0"))
    # The rollups stored so far have no delivered and answered counts: the next refresh rebuilds them all.
    op.execute(sa.text("DELETE FROM setting WHERE key = :key").bindparams(key=WATERMARK_KEY))


def downgrade():
    op.drop_column("team_period_stat", "answered")  # SQLite 3.35+ drops a column in place
