"""scim provisioning: SCIM bearer tokens, and the identity provider's ids and name parts on people and teams

Revision ID: 0012_scim_provisioning
Revises: 0011_digests_and_action_plans
"""
import sqlalchemy as sa
from alembic import op

revision = "0012_scim_provisioning"
down_revision = "0011_digests_and_action_plans"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "scim_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scim_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_scim_token_token_hash")),
    )
    with op.batch_alter_table("employee") as batch:
        batch.add_column(sa.Column("given_name", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("family_name", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("external_id", sa.String(length=255), nullable=True))
        batch.create_unique_constraint(batch.f("uq_employee_external_id"), ["external_id"])
    with op.batch_alter_table("team") as batch:
        batch.add_column(sa.Column("external_id", sa.String(length=255), nullable=True))
        batch.create_unique_constraint(batch.f("uq_team_external_id"), ["external_id"])


def downgrade():
    with op.batch_alter_table("team") as batch:
        batch.drop_constraint("uq_team_external_id", type_="unique")
        batch.drop_column("external_id")
    with op.batch_alter_table("employee") as batch:
        batch.drop_constraint("uq_employee_external_id", type_="unique")
        batch.drop_column("external_id")
        batch.drop_column("family_name")
        batch.drop_column("given_name")
    op.drop_table("scim_token")
