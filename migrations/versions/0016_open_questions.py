"""open questions: question.scale 'open' (answered in words only), pulse_response.score empty for them,
and the default open questions

Revision ID: 0016_open_questions
Revises: 0015_praise_and_rating_accounts

An open question's answer is a pulse_response with no score; its words are in comment. The default
open questions are written out here, not imported from engage (as in 0005_default_questions); one
already in the table (same text) is left as it is.
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0016_open_questions"
down_revision = "0015_praise_and_rating_accounts"
branch_labels = None
depends_on = None

OPEN_QUESTIONS = [
    ("customer_mission", "What one thing would help you serve customers better?"),
    ("workload", "What is one thing that slows you down that we could remove?"),
    ("growth", "What would you like to learn or try in the next few months?"),
    ("recognition", "What piece of work lately deserved more credit than it got?"),
    ("feedback", "What feedback would help you most right now?"),
    ("manager_relationship", "What could your manager do more of, or less of, to help you?"),
    ("wellbeing", "What would make your working week more sustainable?"),
    ("peer_relationship", "What would make it easier to get help from your teammates?"),
    ("satisfaction", "If you could change one thing about working here, what would it be?"),
    ("ambassadorship", "What would make you prouder to tell people where you work?"),
]
WITH_OPEN = "scale IN ('likert5', 'nps10', 'open')"
WITHOUT_OPEN = "scale IN ('likert5', 'nps10')"

question = sa.table(
    "question",
    sa.column("id", sa.Integer),
    sa.column("driver", sa.String),
    sa.column("text", sa.String),
    sa.column("scale", sa.String),
    sa.column("created_at", sa.DateTime),
)


def upgrade():
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_question_scale"), type_="check")
        batch_op.create_check_constraint("scale", sa.text(WITH_OPEN))
        batch_op.create_check_constraint("open_not_enps", sa.text("scale != 'open' OR driver != 'enps'"))
    with op.batch_alter_table("pulse_response", schema=None) as batch_op:
        batch_op.alter_column("score", existing_type=sa.Integer(), nullable=True)
    conn = op.get_bind()
    existing = set(conn.scalars(sa.select(question.c.text)))
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [{"driver": driver, "text": text, "scale": "open", "created_at": now}
            for driver, text in OPEN_QUESTIONS if text not in existing]
    if rows:
        op.bulk_insert(question, rows)


def downgrade():
    # The old schema cannot hold open questions: they go with their deliveries and answers (and the
    # conversations about those answers), and the next refresh rebuilds the rollups.
    open_ids = "SELECT id FROM question WHERE scale = 'open'"
    open_answers = f"SELECT id FROM pulse_response WHERE question_id IN ({open_ids})"
    op.execute(sa.text(f"DELETE FROM thread_message WHERE thread_id IN "
                       f"(SELECT id FROM comment_thread WHERE response_id IN ({open_answers}))"))
    op.execute(sa.text(f"DELETE FROM comment_thread WHERE response_id IN ({open_answers})"))
    op.execute(sa.text(f"DELETE FROM pulse_response WHERE question_id IN ({open_ids})"))
    op.execute(sa.text(f"DELETE FROM pulse_delivery WHERE question_id IN ({open_ids})"))
    op.execute(sa.text("DELETE FROM question WHERE scale = 'open'"))
    op.execute(sa.text("DELETE FROM setting WHERE key = 'insights.rollups.watermark'"))
    with op.batch_alter_table("pulse_response", schema=None) as batch_op:
        batch_op.alter_column("score", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_question_open_not_enps"), type_="check")
        batch_op.drop_constraint(op.f("ck_question_scale"), type_="check")
        batch_op.create_check_constraint("scale", sa.text(WITHOUT_OPEN))
