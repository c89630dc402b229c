"""conversations on comments, queued Slack messages, and team alerts

Revision ID: 0013_conversations_and_alerts
Revises: 0012_scim_provisioning
"""
import sqlalchemy as sa
from alembic import op

revision = "0013_conversations_and_alerts"
down_revision = "0012_scim_provisioning"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "outgoing_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("blocks", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(length=32), nullable=True),
        sa.Column("slack_ts", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("status IN ('pending', 'sent', 'failed')", name=op.f("ck_outgoing_message_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_message")),
    )
    op.create_index("ix_outgoing_message_due", "outgoing_message", ["status", "next_attempt_at"])
    op.create_table(
        "comment_thread",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'acknowledged', 'closed')", name=op.f("ck_comment_thread_status")
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["pulse_response.id"],
            name=op.f("fk_comment_thread_response_id_pulse_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_thread")),
        sa.UniqueConstraint("response_id", name=op.f("uq_comment_thread_response_id")),
    )
    op.create_table(
        "thread_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("replier_label", sa.String(length=60), nullable=True),
        sa.Column("signed_as", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('reply', 'acknowledgement', 'answer')", name=op.f("ck_thread_message_kind")
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["comment_thread.id"],
            name=op.f("fk_thread_message_thread_id_comment_thread"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_thread_message_user_id_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thread_message")),
    )
    op.create_index(op.f("ix_thread_message_thread_id"), "thread_message", ["thread_id"])
    op.create_table(
        "team_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('engagement_csat', 'participation')", name=op.f("ck_team_alert_kind")),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_team_alert_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_alert")),
        sa.UniqueConstraint("team_id", "kind", "week_start", name=op.f("uq_team_alert_team_id")),
    )
    op.create_index(op.f("ix_team_alert_team_id"), "team_alert", ["team_id"])


def downgrade():
    op.drop_index(op.f("ix_team_alert_team_id"), table_name="team_alert")
    op.drop_table("team_alert")
    op.drop_index(op.f("ix_thread_message_thread_id"), table_name="thread_message")
    op.drop_table("thread_message")
    op.drop_table("comment_thread")
    op.drop_index("ix_outgoing_message_due", table_name="outgoing_message")
    op.drop_table("outgoing_message")
