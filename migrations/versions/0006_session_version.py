"""session version: a per-user number in every session, bumped to end them all

Revision ID: 0006_session_version
Revises: 0005_default_questions
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_session_version"
down_revision = "0005_default_questions"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer(), server_default="0", nullable=False))


def downgrade():
    with op.batch_alter_table("user") as batch:
        batch.drop_column("session_version")
