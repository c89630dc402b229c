"""internal service: teams on or serving the front line, the team a pulse asks about, its question

Revision ID: 0017_internal_service
Revises: 0016_open_questions

The question is written out here, not imported from engage, so this migration inserts the same row
whatever the app's code says later.
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0017_internal_service"
down_revision = "0016_open_questions"
branch_labels = None
depends_on = None

DRIVERS = ("recognition", "feedback", "growth", "wellbeing", "workload", "manager_relationship",
           "peer_relationship", "customer_mission", "ambassadorship", "satisfaction", "enps")
QUESTION = "How well did {team} help you serve customers this week?"

question = sa.table(
    "question",
    sa.column("id", sa.Integer),
    sa.column("driver", sa.String),
    sa.column("text", sa.String),
    sa.column("scale", sa.String),
    sa.column("created_at", sa.DateTime),
)


def _driver_check(batch, drivers: tuple[str, ...]) -> None:
    batch.drop_constraint(op.f("ck_question_driver"), type_="check")
    batch.create_check_constraint("driver", f"driver IN {drivers!r}")


def upgrade():
    with op.batch_alter_table("team") as batch:
        batch.add_column(sa.Column("front_line_role", sa.String(length=24), nullable=True))
        batch.create_check_constraint("front_line_role", "front_line_role IN ('front_line', 'serves_front_line')")
    with op.batch_alter_table("pulse_delivery") as batch:
        batch.add_column(sa.Column("served_team_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(batch.f("fk_pulse_delivery_served_team_id_team"), "team",
                                 ["served_team_id"], ["id"], ondelete="CASCADE")
        batch.create_index("ix_pulse_delivery_served_team", ["served_team_id", "pulse_date"])
    with op.batch_alter_table("question") as batch:
        _driver_check(batch, (*DRIVERS, "internal_service"))
    conn = op.get_bind()
    if conn.scalar(sa.select(question.c.id).where(question.c.text == QUESTION)) is None:
        now = datetime.now(UTC).replace(tzinfo=None)
        op.bulk_insert(question, [{"driver": "internal_service", "text": QUESTION, "scale": "likert5",
                                   "created_at": now}])


def downgrade():
    # Its deliveries and answers go with it: they have no place among the drivers.
    op.execute("DELETE FROM pulse_response WHERE question_id IN "
               "(SELECT id FROM question WHERE driver = 'internal_service')")
    op.execute("DELETE FROM pulse_delivery WHERE question_id IN "
               "(SELECT id FROM question WHERE driver = 'internal_service')")
    op.execute(question.delete().where(question.c.driver == "internal_service"))
    with op.batch_alter_table("question") as batch:
        _driver_check(batch, DRIVERS)
    with op.batch_alter_table("pulse_delivery") as batch:
        batch.drop_index("ix_pulse_delivery_served_team")
        batch.drop_constraint(op.f("fk_pulse_delivery_served_team_id_team"), type_="foreignkey")
        batch.drop_column("served_team_id")
    with op.batch_alter_table("team") as batch:
        batch.drop_constraint(op.f("ck_team_front_line_role"), type_="check")
        batch.drop_column("front_line_role")
