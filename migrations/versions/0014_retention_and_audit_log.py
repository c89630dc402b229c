"""retention and audit log: when a person left or was erased, and the admin actions' audit log

Revision ID: 0014_retention_and_audit_log
Revises: 0013_conversations_and_alerts

People already inactive get left_at = their last update: the best date known of their leaving.
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_retention_and_audit_log"
down_revision = "0013_conversations_and_alerts"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("employee") as batch:
        batch.add_column(sa.Column("left_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("erased_at", sa.DateTime(), nullable=True))
    op.execute(sa.text("UPDATE employee SET left_at = updated_at WHERE NOT active"))
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=120), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.CheckConstraint(
            "actor_kind IN ('web', 'api', 'cli', 'scheduler')", name=op.f("ck_audit_event_actor_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index("ix_audit_event_action_at", "audit_event", ["action", "at"])
    op.create_index(op.f("ix_audit_event_at"), "audit_event", ["at"])


def downgrade():
    op.drop_index(op.f("ix_audit_event_at"), table_name="audit_event")
    op.drop_index("ix_audit_event_action_at", table_name="audit_event")
    op.drop_table("audit_event")
    with op.batch_alter_table("employee") as batch:
        batch.drop_column("erased_at")
        batch.drop_column("left_at")
