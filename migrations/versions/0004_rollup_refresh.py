"""rollup refresh: indexes for reading a window's answers by team, marks of stale rollups

Revision ID: 0004_rollup_refresh
Revises: 0003_analytics_rollups
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_rollup_refresh"
down_revision = "0003_analytics_rollups"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "stale_rollup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_stale_rollup_team_id_team"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stale_rollup")),
    )
    op.create_index("ix_pulse_delivery_day_id", "pulse_delivery", ["pulse_date", "id"])
    op.create_index("ix_pulse_delivery_team_day", "pulse_delivery", ["team_id", "pulse_date"])
    op.create_index("ix_pulse_response_team_delivery", "pulse_response", ["team_id", "delivery_id"])


def downgrade():
    op.drop_index("ix_pulse_response_team_delivery", table_name="pulse_response")
    op.drop_index("ix_pulse_delivery_team_day", table_name="pulse_delivery")
    op.drop_index("ix_pulse_delivery_day_id", table_name="pulse_delivery")
    op.drop_table("stale_rollup")
