"""summed rollup indexes: a window's ratings read from one index (their day, kind, team and figures), and
a metric's day rows of a window, which its week and month rows are now summed from

Revision ID: 0019_summed_rollup_indexes
Revises: 0018_org_slices_shared_figures
"""

from alembic import op

revision = "0019_summed_rollup_indexes"
down_revision = "0018_org_slices_shared_figures"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_rating_rated_at", table_name="rating")
    op.create_index(
        "ix_rating_rated_at_figures", "rating", ["rated_at", "kind", "team_id", "score", "satisfied"]
    )
    op.create_index(
        "ix_team_period_stat_metric_days", "team_period_stat", ["granularity", "metric", "period_start"]
    )


def downgrade():
    op.drop_index("ix_team_period_stat_metric_days", table_name="team_period_stat")
    op.drop_index("ix_rating_rated_at_figures", table_name="rating")
    op.create_index("ix_rating_rated_at", "rating", ["rated_at"])
