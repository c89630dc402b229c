"""org slices and shared figures: the organisation's answer figures kept per slice of its people (and the
indexes that read a few people's answers and deliveries in a window; the next refresh rebuilds every
rollup), and the figures the scheduler makes after a refresh for every web process to load

Revision ID: 0018_org_slices_shared_figures
Revises: 0017_internal_service
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_org_slices_shared_figures"
down_revision = "0017_internal_service"
branch_labels = None
depends_on = None

WATERMARK_KEY = "insights.rollups.watermark"


def upgrade():
    op.create_table(
        "org_slice_stat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slice", sa.Integer(), nullable=False),
        sa.Column("granularity", sa.String(length=5), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("total", sa.Double(), nullable=False),
        sa.Column("respondents", sa.Integer(), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("promoters", sa.Integer(), nullable=False),
        sa.Column("detractors", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "granularity IN ('day', 'week', 'month')", name=op.f("ck_org_slice_stat_granularity")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_slice_stat")),
    )
    op.create_index(
        "ix_org_slice_stat_key",
        "org_slice_stat",
        ["granularity", "period_start", "metric", "slice"],
        unique=True,
    )
    op.create_index("ix_pulse_response_employee_delivery", "pulse_response", ["employee_id", "delivery_id"])
    op.create_index("ix_pulse_delivery_employee_day", "pulse_delivery", ["employee_id", "pulse_date"])
    op.create_table(
        "shared_figures",
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("part", sa.String(length=16), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version", "part", name=op.f("pk_shared_figures")),
    )
    # No watermark: the next refresh rebuilds every rollup, and the slices with them.
    op.execute(sa.text("DELETE FROM setting WHERE key = :key").bindparams(key=WATERMARK_KEY))


def downgrade():
    op.drop_table("shared_figures")
    op.drop_index("ix_pulse_delivery_employee_day", table_name="pulse_delivery")
    op.drop_index("ix_pulse_response_employee_delivery", table_name="pulse_response")
    op.drop_index("ix_org_slice_stat_key", table_name="org_slice_stat")
    op.drop_table("org_slice_stat")
