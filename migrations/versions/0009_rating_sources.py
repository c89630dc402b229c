"""rating sources: help desks engage pulls ratings from; the customer's comment on a rating

Revision ID: 0009_rating_sources
Revises: 0008_imported_responses
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_rating_sources"
down_revision = "0008_imported_responses"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "rating_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("base_url", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("account_id", sa.String(length=50), nullable=True),
        sa.Column("token_encrypted", sa.Text(), nullable=False),
        sa.Column("token_hint", sa.String(length=4), nullable=False),
        sa.Column("webhook_secret_encrypted", sa.Text(), nullable=True),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=True),
        sa.Column("groups", sa.JSON(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("pull_requested_at", sa.DateTime(), nullable=True),
        sa.Column("pulling_until", sa.DateTime(), nullable=True),
        sa.Column("next_try_at", sa.DateTime(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(), nullable=True),
        sa.Column("pulled", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unmapped", sa.Integer(), nullable=False),
        sa.Column("unmapped_note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('zendesk', 'freshdesk', 'chatwoot', 'intercom')",
                           name=op.f("ck_rating_source_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rating_source")),
        sa.UniqueConstraint("name", name=op.f("uq_rating_source_name")),
    )
    op.add_column("rating", sa.Column("comment", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("rating", "comment")  # SQLite 3.35+ drops a column in place
    op.drop_table("rating_source")
