"""default pulse questions: the question bank a new company starts with

Revision ID: 0005_default_questions
Revises: 0004_rollup_refresh

The bank is written out here, not imported from engage, so this migration inserts the same rows
whatever the app's code says later. A question already in the table (same text) is left as it is.
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005_default_questions"
down_revision = "0004_rollup_refresh"
branch_labels = None
depends_on = None

# (driver, text, scale): 1-5 agreement scales; eNPS on 0-10.
QUESTIONS = [
    ("recognition", "When I go the extra mile for a customer, someone notices.", "likert5"),
    ("recognition", "I have been thanked for good work in the last two weeks.", "likert5"),
    ("recognition", "Recognition here goes to the people who actually solved the problem.", "likert5"),
    ("feedback", "I know how well I am doing without waiting for a review.", "likert5"),
    ("feedback", "The feedback I get helps me serve customers better.", "likert5"),
    ("feedback", "I can tell my manager when something isn't working.", "likert5"),
    ("growth", "I am learning things at work that will matter for my career.", "likert5"),
    ("growth", "I can see a next step for myself in this company.", "likert5"),
    ("growth", "I had the chance to use a new skill this month.", "likert5"),
    ("wellbeing", "I finish most workdays with energy left for my own life.", "likert5"),
    ("wellbeing", "I can switch off from work when I am not working.", "likert5"),
    ("wellbeing", "Difficult customer conversations don't stay with me after work.", "likert5"),
    ("workload", "I have enough time to solve customers' problems properly.", "likert5"),
    ("workload", "My workload this week is manageable.", "likert5"),
    ("workload", "I rarely have to rush a customer to hit a target.", "likert5"),
    ("manager_relationship", "My manager backs me up when I do the right thing for a customer.", "likert5"),
    ("manager_relationship", "My manager cares about me as a person.", "likert5"),
    ("manager_relationship", "I trust my manager to be fair.", "likert5"),
    ("peer_relationship", "I can count on my teammates when a customer issue gets hard.", "likert5"),
    ("peer_relationship", "People on my team share what they know.", "likert5"),
    ("peer_relationship", "I feel I belong on my team.", "likert5"),
    ("customer_mission", "I understand how my work keeps our customers with us.", "likert5"),
    ("customer_mission", "I have the freedom to do what it takes to fix a customer's problem.", "likert5"),
    ("customer_mission", "We measure what matters to customers, not just how fast we are.", "likert5"),
    ("ambassadorship", "I am proud to tell people where I work.", "likert5"),
    ("ambassadorship", "I would recommend our product to a friend.", "likert5"),
    ("ambassadorship", "I see myself still working here in two years.", "likert5"),
    ("satisfaction", "Overall, I am happy with my job.", "likert5"),
    ("satisfaction", "Today was a good day at work.", "likert5"),
    ("satisfaction", "My work gives me a sense of accomplishment.", "likert5"),
    ("enps", "How likely are you to recommend working here to a friend? (0-10)", "nps10"),
]

question = sa.table(
    "question",
    sa.column("id", sa.Integer),
    sa.column("driver", sa.String),
    sa.column("text", sa.String),
    sa.column("scale", sa.String),
    sa.column("retired_at", sa.DateTime),
    sa.column("created_at", sa.DateTime),
)
pulse_delivery = sa.table("pulse_delivery", sa.column("question_id", sa.Integer))


def upgrade():
    conn = op.get_bind()
    existing = set(conn.scalars(sa.select(question.c.text)))
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [{"driver": driver, "text": text, "scale": scale, "created_at": now}
            for driver, text, scale in QUESTIONS if text not in existing]
    if rows:
        op.bulk_insert(question, rows)


def downgrade():
    """Remove the bank's questions that were never asked; asked ones keep their deliveries and answers."""
    never_asked = ~sa.exists().where(pulse_delivery.c.question_id == question.c.id)
    for driver, text, scale in QUESTIONS:
        op.execute(question.delete().where(
            question.c.driver == driver, question.c.text == text, question.c.scale == scale, never_asked,
        ))
