"""rollup refresh: marks of stale rollups (re-imported ratings that moved)

Revision ID: 0003_rollup_refresh
Revises: 0002_analytics
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_rollup_refresh"
down_revision = "0002_analytics"
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


def downgrade():
    op.drop_table("stale_rollup")
