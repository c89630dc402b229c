"""praise and rating accounts: the customer's company on a rating, ratings by import time, the daily praise DMs

Revision ID: 0015_praise_and_rating_accounts
Revises: 0014_retention_and_audit_log
"""
import sqlalchemy as sa
from alembic import op

revision = "0015_praise_and_rating_accounts"
down_revision = "0014_retention_and_audit_log"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("rating", sa.Column("account", sa.String(length=200), nullable=True))
    op.create_index("ix_rating_imported", "rating", ["imported_at"])
    op.create_table(
        "praise_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("praise_date", sa.Date(), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("window_end", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column("slack_channel", sa.String(length=32), nullable=True),
        sa.Column("slack_ts", sa.String(length=32), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('manager', 'agent')", name=op.f("ck_praise_delivery_kind")),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'failed', 'skipped')", name=op.f("ck_praise_delivery_status")
        ),
        sa.CheckConstraint("window_start < window_end", name=op.f("ck_praise_delivery_window")),
        sa.ForeignKeyConstraint(["employee_id"], ["employee.id"],
                                name=op.f("fk_praise_delivery_employee_id_employee"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_praise_delivery")),
        sa.UniqueConstraint("employee_id", "kind", "praise_date", name=op.f("uq_praise_delivery_employee_id")),
    )
    op.create_index("ix_praise_delivery_due", "praise_delivery", ["status", "next_attempt_at"])


def downgrade():
    op.drop_index("ix_praise_delivery_due", table_name="praise_delivery")
    op.drop_table("praise_delivery")
    op.drop_index("ix_rating_imported", table_name="rating")
    op.drop_column("rating", "account")  # SQLite 3.35+ drops a column in place
