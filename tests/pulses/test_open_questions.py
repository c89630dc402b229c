"""Open questions in the rotation: at most one every PULSE_OPEN_QUESTION_DAYS, instead of the day's score
question; their DM has an Answer button; an unanswered one brings no reminder."""

from datetime import date, datetime, timedelta

from engage.extensions import db
from engage.models import PulseDelivery, Question
from engage.pulses.rotation import Asked, choose_questions
from engage.pulses.scheduling import schedule_due
from tests.pulses.conftest import deliveries

DAY = date(2026, 11, 23)  # a Monday
BANK = [
    Question(id=1, driver="growth", text="g1", scale="likert5"),
    Question(id=2, driver="workload", text="w1", scale="likert5"),
    Question(id=3, driver="enps", text="e", scale="nps10"),
    Question(id=4, driver="workload", text="What slows you down?", scale="open"),
    Question(id=5, driver="growth", text="What would you like to learn?", scale="open"),
]


def asked(question_id: int, days_ago: int) -> Asked:
    question = next(q for q in BANK if q.id == question_id)
    return Asked(question.driver, question.id, DAY - timedelta(days=days_ago), question.is_open)


def chosen_ids(history: list[Asked], every: int = 28, day: date = DAY) -> list[int]:
    return [q.id for q in choose_questions(BANK, history, day, every)]


def test_an_open_question_replaces_the_score_question_once_the_person_has_pulses_from_28_days_back():
    this_month = [asked(3, 1)]  # eNPS already asked this month
    assert chosen_ids(this_month + [asked(1, 27)]) == [2]  # pulses for 27 days only: a score question
    assert chosen_ids(this_month + [asked(1, 28)]) == [4]  # 28 days: the open question instead
    assert chosen_ids([asked(1, 28)], day=date(2026, 12, 1)) == [4, 3]  # eNPS still comes monthly


def test_an_open_question_comes_again_only_after_28_days_and_the_other_one_first():
    history = [asked(3, 1), asked(1, 60), asked(4, 27)]
    assert chosen_ids(history) == [2]
    assert chosen_ids([asked(3, 1), asked(1, 60), asked(4, 28)]) == [5]  # the least recently asked one


def test_an_open_question_leaves_its_drivers_score_question_due():
    # workload's open question yesterday; growth's score question two days ago: workload's score is next
    history = [asked(3, 1), asked(1, 60), asked(2, 59), asked(1, 2), asked(4, 1)]
    assert chosen_ids(history) == [2]


def test_no_open_questions_when_the_interval_is_0_or_all_are_retired():
    history = [asked(3, 1), asked(1, 60), asked(2, 59)]
    assert chosen_ids(history, every=0) == [1]
    retired = [
        Question(id=q.id, driver=q.driver, text=q.text, scale=q.scale, retired_at=datetime(2026, 1, 1))
        if q.is_open
        else q
        for q in BANK
    ]
    assert [q.id for q in choose_questions(retired, history, DAY, 28)] == [1]


def asked_before(person, driver: str, days_ago: int, questions: list[Question]) -> None:
    question = next(q for q in questions if q.driver == driver and not q.is_open)
    day = DAY - timedelta(days=days_ago)
    db.session.add(PulseDelivery(employee_id=person.id, question=question, pulse_date=day, status="sent"))
    db.session.commit()


def test_the_scheduler_asks_an_open_question_28_days_after_the_first_pulse(app, make_employee, questions):
    veteran, newcomer = make_employee(timezone="UTC"), make_employee(timezone="UTC")
    for person in (veteran, newcomer):
        asked_before(person, "enps", 21, questions)
    asked_before(veteran, "growth", 28, questions)
    asked_before(newcomer, "growth", 27, questions)
    schedule_due(datetime(2026, 11, 23, 10, 0))
    [veteran_today] = deliveries(veteran, DAY)
    assert (veteran_today.question.scale, veteran_today.question.driver) == ("open", "customer_mission")
    [newcomer_today] = deliveries(newcomer, DAY)
    assert newcomer_today.question.scale == "likert5"


def test_open_questions_are_off_at_0_days(app, make_employee, questions):
    app.config["PULSE_OPEN_QUESTION_DAYS"] = 0
    person = make_employee(timezone="UTC")
    asked_before(person, "growth", 100, questions)
    schedule_due(datetime(2026, 11, 23, 10, 0))
    assert {d.question.scale for d in deliveries(person, DAY)} == {"likert5", "nps10"}


def test_the_open_question_dm_has_an_answer_button_and_brings_no_reminder(
    app, make_employee, questions, cycle, fake_slack
):
    app.config["PULSE_REMINDER_HOURS"] = 2
    open_today, scored_today = make_employee(timezone="UTC"), make_employee(timezone="UTC")
    for person in (open_today, scored_today):
        asked_before(person, "enps", 21, questions)
    asked_before(open_today, "growth", 30, questions)
    cycle(datetime(2026, 11, 23, 10, 0))
    posts = fake_slack.calls_to("chat.postMessage")
    [post] = [c for c in posts if c.params["channel"] == open_today.slack_user_id]
    actions = [e["action_id"] for b in post.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert actions == ["pulse_open_answer"]
    assert "What one thing would help you serve customers better?" in post.params["text"]

    cycle(datetime(2026, 11, 23, 12, 1))
    reminders = [c for c in fake_slack.calls_to("chat.postMessage") if "reminder" in c.params["text"]]
    assert [c.params["channel"] for c in reminders] == [scored_today.slack_user_id]
