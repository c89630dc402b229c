"""rollups for the dashboard: team_period_stat, team_closure, change-scan indexes

Revision ID: 0003_analytics_rollups
Revises: 0002_pulse_delivery_claims
"""
from alembic import op
import sqlalchemy as sa


revision = "0003_analytics_rollups"
down_revision = "0002_pulse_delivery_claims"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'team_period_stat',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=True),
        sa.Column('granularity', sa.String(length=5), nullable=False),
        sa.Column('period_start', sa.Date(), nullable=False),
        sa.Column('metric', sa.String(length=40), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.Column('total', sa.Double(), nullable=False),
        sa.Column('respondents', sa.Integer(), nullable=False),
        sa.Column('sent', sa.Integer(), nullable=False),
        sa.Column('promoters', sa.Integer(), nullable=False),
        sa.Column('detractors', sa.Integer(), nullable=False),
        sa.CheckConstraint("granularity IN ('day', 'week', 'month')",
                           name=op.f('ck_team_period_stat_granularity')),
        sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_team_period_stat_team_id_team'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_team_period_stat')),
    )
    op.create_index('ix_team_period_stat_lookup', 'team_period_stat',
                    ['granularity', 'team_id', 'period_start'])
    op.create_index('uq_team_period_stat_key', 'team_period_stat',
                    [sa.text('coalesce(team_id, 0)'), 'granularity', 'period_start', 'metric'], unique=True)
    op.create_table(
        'team_closure',
        sa.Column('ancestor_id', sa.Integer(), nullable=False),
        sa.Column('descendant_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['ancestor_id'], ['team.id'], name=op.f('fk_team_closure_ancestor_id_team'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['descendant_id'], ['team.id'],
                                name=op.f('fk_team_closure_descendant_id_team'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('ancestor_id', 'descendant_id', name=op.f('pk_team_closure')),
    )
    op.create_index(op.f('ix_team_closure_descendant_id'), 'team_closure', ['descendant_id'])
    op.create_index('ix_pulse_response_updated_at', 'pulse_response', ['updated_at'])
    op.create_index('ix_pulse_delivery_created_at', 'pulse_delivery', ['created_at'])
    op.create_index('ix_pulse_delivery_sent_at', 'pulse_delivery', ['sent_at'])
    op.create_index('ix_rating_imported_at', 'rating', ['imported_at'])
    op.create_index('ix_rating_rated_at', 'rating', ['rated_at'])
    op.create_index('ix_pulse_response_commented', 'pulse_response', ['answered_at'],
                    postgresql_where=sa.text('comment IS NOT NULL'), sqlite_where=sa.text('comment IS NOT NULL'))


def downgrade():
    op.drop_index('ix_pulse_response_commented', table_name='pulse_response')
    op.drop_index('ix_rating_rated_at', table_name='rating')
    op.drop_index('ix_rating_imported_at', table_name='rating')
    op.drop_index('ix_pulse_delivery_sent_at', table_name='pulse_delivery')
    op.drop_index('ix_pulse_delivery_created_at', table_name='pulse_delivery')
    op.drop_index('ix_pulse_response_updated_at', table_name='pulse_response')
    op.drop_index(op.f('ix_team_closure_descendant_id'), table_name='team_closure')
    op.drop_table('team_closure')
    op.drop_index('uq_team_period_stat_key', table_name='team_period_stat')
    op.drop_index('ix_team_period_stat_lookup', table_name='team_period_stat')
    op.drop_table('team_period_stat')
