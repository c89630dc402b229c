"""Pulse delivery claims: a lease so two senders never send one row and a killed sender is retried.

Revision ID: 0002_pulse_delivery_claims
Revises: 0001_initial_schema
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_pulse_delivery_claims"
down_revision = "0001_initial_schema"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("pulse_delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table("pulse_delivery", schema=None) as batch_op:
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("claimed_until")
