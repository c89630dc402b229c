"""Importing answers from a previous survey tool: stored as Slack answers are, all or nothing, idempotent."""

import io
from datetime import date

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.history.importer import import_responses
from engage.history.problems import HistoryRejected
from engage.models import PulseDelivery, PulseResponse, Question, Team
from engage.pulses.question_bank import install_question_bank
from tests.history.conftest import HEADER, count, import_text, stored

FILE = HEADER + (
    "support0@example.com,2026-01-05,I know what is expected of me at work.,feedback,4,,\n"
    "SUPPORT1@example.com,2026-01-05,I know what is expected of me at work.,feedback,2,"
    '"Too many, changes",\n'
    "emea0@example.com,2026-01-06,Would you recommend us as an employer?,enps,9,,Support / Support EMEA\n"
    "emea1@example.com,2026-01-06,Would you recommend us as an employer?,enps,0,,Support\n"
)


def test_answers_are_stored_as_slack_answers_are_with_the_team_of_that_day(support_people):
    summary = import_text(FILE)

    assert (summary.created, summary.updated, summary.unchanged) == (4, 0, 0)
    assert (summary.first_day, summary.last_day) == (date(2026, 1, 5), date(2026, 1, 6))
    expected = "I know what is expected of me at work."
    enps = "Would you recommend us as an employer?"
    support, emea = ("Support", "Support"), ("Support EMEA", "Support EMEA")
    assert stored() == [
        ("support0@example.com", date(2026, 1, 5), expected, "feedback", 4, None, *support, "imported"),
        (
            "support1@example.com",
            date(2026, 1, 5),
            expected,
            "feedback",
            2,
            "Too many, changes",
            *support,
            "imported",
        ),
        ("emea0@example.com", date(2026, 1, 6), enps, "enps", 9, None, *emea, "imported"),
        ("emea1@example.com", date(2026, 1, 6), enps, "enps", 0, None, *support, "imported"),
    ]


def test_questions_engage_lacks_are_added_retired_and_its_own_are_matched_by_text(support_people):
    install_question_bank()
    own = db.session.scalar(
        sa.select(Question)
        .where(Question.driver == "workload", Question.scale == "likert5", Question.retired_at.is_(None))
        .limit(1)
    )
    questions_before = count(Question)
    summary = import_text(
        HEADER
        + f'support0@example.com,2026-01-05,"  {own.text.upper()} ",workload,3,,\n'
        + FILE.split("\n", 1)[1]
    )

    assert summary.questions_added == [
        "I know what is expected of me at work.",
        "Would you recommend us as an employer?",
    ]
    assert count(Question) == questions_before + 2
    added = db.session.scalars(sa.select(Question).where(Question.id > max(q.id for q in [own]))).all()
    retired = {
        q.text: (q.driver, q.scale, q.retired_at is not None)
        for q in added
        if q.text in summary.questions_added
    }
    assert retired == {
        "I know what is expected of me at work.": ("feedback", "likert5", True),
        "Would you recommend us as an employer?": ("enps", "nps10", True),
    }
    answer = db.session.scalar(sa.select(PulseResponse).where(PulseResponse.question_id == own.id))
    assert answer.score == 3


def test_importing_the_same_file_again_changes_nothing(support_people):
    import_text(FILE)

    def state():
        return stored(), count(Question), count(Team), db.session.scalars(sa.select(PulseResponse.id)).all()

    before = state()

    summary = import_text(FILE)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 4)
    assert summary.questions_added == [] and summary.teams_created == []
    assert state() == before


def test_a_changed_score_comment_or_team_updates_the_answer_in_place(support_people):
    import_text(FILE)
    changed = FILE.replace("feedback,4,,", "feedback,5,Better now,").replace(
        "enps,0,,Support", "enps,0,,Support / Support EMEA"
    )

    summary = import_text(changed, batch_size=2)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 2, 2)
    rows = stored()
    assert rows[0][4:8] == (5, "Better now", "Support", "Support")
    assert rows[3][6:8] == ("Support EMEA", "Support EMEA")
    assert count(PulseDelivery) == 4


def test_rows_are_written_in_batches_new_and_known_alike(support_people):
    import_text(HEADER + FILE.splitlines()[1] + "\n")
    lines = [
        f"emea{i % 6}@example.com,2026-02-{1 + i // 6:02d},Q{i % 2}?,growth,{1 + i % 5},," for i in range(23)
    ]

    summary = import_text(FILE + "\n".join(lines) + "\n", batch_size=5)

    assert (summary.created, summary.unchanged) == (26, 1)
    assert count(PulseResponse) == count(PulseDelivery) == 27


def test_missing_teams_are_created_under_the_parent_their_path_names(support_people):
    summary = import_text(
        HEADER + "emea2@example.com,2026-01-05,Q?,growth,3,,Support / Support Nordics\n"
        "emea3@example.com,2026-01-05,Q?,growth,3,,Old Org / Old Team\n"
        "emea4@example.com,2026-01-05,Q?,growth,3,,Old Team\n"
    )

    assert summary.teams_created == ["Support / Support Nordics", "Old Org", "Old Org / Old Team"]
    parent = {t.name: t.parent.name if t.parent else None for t in db.session.scalars(sa.select(Team))}
    assert parent["Support Nordics"] == "Support" and parent["Old Team"] == "Old Org"
    assert parent["Old Org"] is None
    assert [row[6] for row in stored()] == ["Support Nordics", "Old Team", "Old Team"]


def problems_of(text: str, **options) -> HistoryRejected:
    try:
        import_text(text, **options)
    except HistoryRejected as exc:
        return exc
    raise AssertionError("the file was imported")


def test_every_problem_is_listed_with_its_line_and_nothing_is_written(support_people):
    bad = HEADER + (
        "nobody@example.com,2026-01-05,Q1?,growth,3,,\n"  # 2 unknown person
        "emea0@example.com,05/01/2026,Q1?,growth,3,,\n"  # 3 date format
        "emea0@example.com,2026-06-17,Q1?,growth,3,,\n"  # 4 in the future
        "emea0@example.com,1999-12-31,Q1?,growth,3,,\n"  # 5 before the supported years
        "emea0@example.com,2026-01-05,Q2?,enps,11,,\n"  # 6 eNPS out of range
        "emea1@example.com,2026-01-05,Q1?,growth,0,,\n"  # 7 1-5 out of range
        "emea1@example.com,2026-01-05,Q3?,happiness,3,,\n"  # 8 unknown driver
        "emea2@example.com,2026-01-05,Q1?,growth,3,,\n"  # 9 fine
        "emea2@example.com,2026-01-05,q1?,growth,4,,\n"  # 10 the same answer again
        "emea3@example.com,2026-01-05,Q1?,workload,4,,\n"  # 11 another driver for Q1
        "emea3@example.com,2026-01-05,Q4?,growth,3,,Support EMEA / Support\n"  # 12 a team moved
        "emea4@example.com,2026-01-05,Q4?,growth,3.5,,\n"  # 13 not a whole number
        "emea4@example.com,2026-01-06,Q4?,growth\n"  # 14 too few fields
        "emea4@example.com,2026-01-07,Q4?,growth,4,,New / Support EMEA\n"  # 15 an existing team, elsewhere
    )
    rejected = problems_of(bad)

    by_line = {}
    for problem in rejected.problems:
        by_line.setdefault(problem.line, []).append(problem.message)
    assert sorted(by_line) == [2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15]
    assert by_line[2] == [
        "nobody@example.com is nobody in engage; import the roster with them first, or fix the address"
    ]
    assert by_line[3] == ["date must be a date as YYYY-MM-DD, not '05/01/2026'"]
    assert "is in the future" in by_line[4][0]
    assert "outside the years engage accepts (2000-2100)" in by_line[5][0]
    assert by_line[6] == ["score 11 is out of range: eNPS answers run from 0 to 10"]
    assert by_line[7] == ["score 0 is out of range: answers to this driver run from 1 to 5"]
    assert by_line[8][0].startswith("driver 'happiness' is not one of engage's: recognition, feedback")
    assert by_line[10] == [
        "emea2@example.com already answers this question on 2026-01-05 on line 9; "
        "keep one row per person, question and day"
    ]
    assert by_line[11] == [
        "the question is given driver growth on line 2 but workload here; a question has one driver"
    ]
    assert by_line[12] == [
        "team 'Support' is at the top in engage, not under 'Support EMEA'; "
        "write its path as engage has it, or give only 'Support'"
    ]
    assert by_line[13] == ["score '3.5' is not a whole number; give 1-5"]
    assert "has 4 fields but the header has 7" in by_line[14][0]
    assert by_line[15][0].startswith("team 'Support EMEA' is under 'Support' in engage, not under 'New'")
    assert count(PulseDelivery) == count(PulseResponse) == count(Question) == 0
    assert count(Team) == 2


def test_at_most_100_problems_are_listed_and_the_rest_counted(support_people):
    rows = "".join(f"ghost{i}@example.com,2026-01-05,Q?,growth,3,,\n" for i in range(130))

    rejected = problems_of(HEADER + rows)

    assert len(rejected.problems) == 100 and rejected.total == 130 and rejected.more == 30
    assert rejected.problems[0].line == 2 and rejected.problems[-1].line == 101


def test_an_answer_to_a_question_engage_sent_that_day_is_refused(support_people, questions_sent):
    person, question = questions_sent
    rejected = problems_of(HEADER + f"{person.email},2026-01-05,{question.text},growth,3,,\n")

    assert [str(p) for p in rejected.problems] == [
        f"line 2: engage sent this question to {person.email} on 2026-01-05 in Slack (status sent); "
        "leave this row out"
    ]
    assert count(PulseResponse) == 0


def test_a_bad_header_an_empty_file_and_other_encodings_are_refused(support_people):
    assert str(problems_of("").problems[0]).startswith("line 1: the file is empty")
    header = problems_of("email,day,question,driver,score,mood\n").problems
    assert [p.message for p in header] == [
        "the header lacks column(s) date; expected email,date,question,driver,score,comment,team",
        "unknown column(s) 'day', 'mood'; expected email,date,question,driver,score,comment,team",
    ]
    assert problems_of(HEADER).problems[0].message == "the file has a header but no answers"
    latin = (HEADER + "emea0@example.com,2026-01-05,Ça va?,growth,3,,\n").encode("latin-1")
    with pytest.raises(HistoryRejected) as refused:
        import_responses(io.BytesIO(latin))
    assert refused.value.problems[0].message.startswith("the file is not UTF-8 text")


def test_a_score_for_an_open_question_is_refused(support_people):
    install_question_bank()
    row = "support0@example.com,2026-01-05,What feedback would help you most right now?,feedback,4,,\n"
    [problem] = problems_of(HEADER + row).problems
    assert problem.message == (
        "the question 'What feedback would help you most right now?' is an open question in engage, "
        "answered in words only; it takes no score: leave this row out"
    )
    assert count(PulseResponse) == 0
