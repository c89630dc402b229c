"""ticket outcomes: solved tickets and whether each was resolved in its first contact (FCR)

Revision ID: 0010_ticket_outcomes
Revises: 0009_rating_sources
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_ticket_outcomes"
down_revision = "0009_rating_sources"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "ticket_outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.Column("external_id", sa.String(length=120), nullable=False),
        sa.Column("solved_at", sa.DateTime(), nullable=False),
        sa.Column("first_contact_resolved", sa.Boolean(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("agent_email", sa.String(length=254), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_ticket_outcome_team_id_team"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_outcome")),
        sa.UniqueConstraint("source", "external_id", name=op.f("uq_ticket_outcome_source")),
    )
    op.create_index("ix_ticket_outcome_team_solved", "ticket_outcome", ["team_id", "solved_at"])
    op.create_index("ix_ticket_outcome_imported_at", "ticket_outcome", ["imported_at"])
    op.create_index("ix_ticket_outcome_solved_at", "ticket_outcome", ["solved_at"])


def downgrade():
    op.drop_index("ix_ticket_outcome_solved_at", table_name="ticket_outcome")
    op.drop_index("ix_ticket_outcome_imported_at", table_name="ticket_outcome")
    op.drop_index("ix_ticket_outcome_team_solved", table_name="ticket_outcome")
    op.drop_table("ticket_outcome")
