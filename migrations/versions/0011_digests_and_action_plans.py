"""digests and action plans: weekly digest deliveries, who turned their digest on or off, action plans

Revision ID: 0011_digests_and_action_plans
Revises: 0010_ticket_outcomes
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_digests_and_action_plans"
down_revision = "0010_ticket_outcomes"
branch_labels = None
depends_on = None

DRIVERS = (
    "'recognition', 'feedback', 'growth', 'wellbeing', 'workload', 'manager_relationship', "
    "'peer_relationship', 'customer_mission', 'ambassadorship', 'satisfaction', 'enps'"
)


def upgrade():
    op.create_table(
        "digest_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("digest_date", sa.Date(), nullable=False),
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
        sa.CheckConstraint("kind IN ('teams', 'organisation')", name=op.f("ck_digest_delivery_kind")),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'failed', 'skipped')", name=op.f("ck_digest_delivery_status")
        ),
        sa.ForeignKeyConstraint(["employee_id"], ["employee.id"],
                                name=op.f("fk_digest_delivery_employee_id_employee"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_delivery")),
        sa.UniqueConstraint("employee_id", "kind", "digest_date", name=op.f("uq_digest_delivery_employee_id")),
    )
    op.create_index("ix_digest_delivery_due", "digest_delivery", ["status", "next_attempt_at"])
    op.create_table(
        "digest_preference",
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["employee_id"], ["employee.id"],
                                name=op.f("fk_digest_preference_employee_id_employee"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("employee_id", name=op.f("pk_digest_preference")),
    )
    op.create_table(
        "action_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("driver", sa.String(length=32), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("announce_channel", sa.String(length=32), nullable=True),
        sa.Column("announced_ts", sa.String(length=32), nullable=True),
        sa.Column("announce_error", sa.String(length=300), nullable=True),
        sa.Column("review_reminded_at", sa.DateTime(), nullable=True),
        sa.Column("review_error", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(f"driver IN ({DRIVERS})", name=op.f("ck_action_plan_driver")),
        sa.CheckConstraint("status IN ('active', 'done', 'dropped')", name=op.f("ck_action_plan_status")),
        sa.CheckConstraint("review_date > start_date", name=op.f("ck_action_plan_review_after_start")),
        sa.ForeignKeyConstraint(["author_id"], ["user.id"], name=op.f("fk_action_plan_author_id_user"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["owner_id"], ["employee.id"], name=op.f("fk_action_plan_owner_id_employee"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_action_plan_team_id_team"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_plan")),
    )
    op.create_index("ix_action_plan_review", "action_plan", ["status", "review_date"])
    op.create_index("ix_action_plan_team_start", "action_plan", ["team_id", "start_date"])


def downgrade():
    op.drop_index("ix_action_plan_team_start", table_name="action_plan")
    op.drop_index("ix_action_plan_review", table_name="action_plan")
    op.drop_table("action_plan")
    op.drop_table("digest_preference")
    op.drop_index("ix_digest_delivery_due", table_name="digest_delivery")
    op.drop_table("digest_delivery")
