"""Open answers have no score: every score figure (engagement, drivers, eNPS) is the same with or without
them, and answering an open question counts as taking part (participation)."""

from datetime import date, datetime, time

import sqlalchemy as sa

from engage.extensions import db
from engage.insights import rollups
from engage.models import PulseDelivery, PulseResponse, Question, TeamPeriodStat
from engage.pulses.question_bank import install_question_bank

DAY = date(2026, 11, 2)
COLUMNS = ("n", "total", "respondents", "promoters", "detractors")


def answer(person, asked: Question, score: int | None, words: str | None = None) -> None:
    delivery = PulseDelivery(
        employee_id=person.id, team_id=person.team_id, question=asked, pulse_date=DAY, status="sent"
    )
    at = datetime.combine(DAY, time(10))
    db.session.add(
        PulseResponse(
            delivery=delivery,
            employee_id=person.id,
            team_id=person.team_id,
            question=asked,
            score=score,
            comment=words,
            answered_at=at,
            updated_at=at,
        )
    )


def figures() -> dict:
    rows = db.session.scalars(sa.select(TeamPeriodStat).where(TeamPeriodStat.granularity == "month"))
    return {
        (row.team_id, row.metric): tuple(getattr(row, c) for c in COLUMNS) + (row.sent, row.answered)
        for row in rows
    }


def test_open_answers_change_no_score_figure_and_count_as_taking_part(app, make_team, make_employee):
    install_question_bank()
    questions = list(db.session.scalars(sa.select(Question).order_by(Question.id)))
    workload = next(q for q in questions if q.driver == "workload" and q.scale == "likert5")
    enps = next(q for q in questions if q.driver == "enps")
    open_workload = next(q for q in questions if q.driver == "workload" and q.is_open)
    open_growth = next(q for q in questions if q.driver == "growth" and q.is_open)
    team = make_team("Support")
    scorers = [make_employee(team) for _ in range(6)]
    for n, person in enumerate(scorers):
        answer(person, workload, 2 + n % 3, "A comment" if n == 0 else None)
        answer(person, enps, 5 + n)
    db.session.commit()
    rollups.refresh(full=True)
    before = figures()

    for person in scorers[:3]:
        answer(person, open_workload, None, "Fewer approvals")
    words_only = make_employee(team)
    answer(words_only, open_growth, None, "A course on Looker")
    db.session.commit()
    rollups.refresh(full=True)
    after = figures()

    scored = {key for key in before if key[1] != "participation"}
    assert {key for key in after if key[1] != "participation"} == scored  # no figure for growth's words
    assert {key: after[key] for key in scored} == {key: before[key] for key in scored}
    assert after[(team.id, "engagement")][:3] == (6, 300.0, 6)  # scores 2,3,4,2,3,4 as 25,50,75,...
    assert after[(team.id, "driver:workload")][:3] == (6, 300.0, 6)
    assert after[(team.id, "enps")][:5] == (6, 0, 6, 2, 2)  # 5,6 detractors; 9,10 promoters
    # participation: n and answered count pulses, sent and respondents count people
    n, _, respondents, _, _, sent, answered = after[(team.id, "participation")]
    assert (n, answered, sent, respondents) == (16, 16, 7, 7)
    assert before[(team.id, "participation")][-2:] == (6, 12)
