"""Open answers on the Comments page and in /api/v1/comments: shown like comments (the comment threshold,
no names), marked with their question, filterable, and counted by driver beside the comments."""

from datetime import date, datetime, time

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.insights import rollups
from engage.models import Employee, PulseDelivery, PulseResponse, Question
from engage.pulses.question_bank import install_question_bank
from tests.conversations.conftest import outgoing, refs, threads

DAY = date.today().replace(day=1)
CUSTOMERS = "What one thing would help you serve customers better?"


def question(driver: str, scale: str) -> Question:
    found = sa.select(Question).where(Question.driver == driver, Question.scale == scale)
    return db.session.scalars(found.order_by(Question.id).limit(1)).one()


def answer(person, asked: Question, score: int | None, words: str | None) -> None:
    delivery = PulseDelivery(
        employee_id=person.id,
        team_id=person.team_id,
        question=asked,
        pulse_date=DAY,
        status="sent",
        sent_at=datetime.combine(DAY, time(9)),
    )
    db.session.add(
        PulseResponse(
            delivery=delivery,
            employee_id=person.id,
            team_id=person.team_id,
            question=asked,
            score=score,
            comment=words,
            answered_at=datetime.combine(DAY, time(10)),
        )
    )


@pytest.fixture
def support(app, make_team, make_employee):
    """A team of 8 who answered only the customer open question, in words; 7 of them also a growth
    score question, 3 with a comment."""
    install_question_bank()
    team = make_team("Support")
    people = [make_employee(team, name=f"Agent Number{n}") for n in range(8)]
    open_question, growth = question("customer_mission", "open"), question("growth", "likert5")
    for n, person in enumerate(people):
        answer(person, open_question, None, f"A single view of the customer, idea {n}.")
        if n < 7:
            answer(person, growth, 4, f"Growth comment {n}." if n < 3 else None)
    db.session.commit()
    rollups.refresh(full=True)
    return team, people


def test_open_answers_are_shown_with_their_question_and_without_names(client, support, make_user, login):
    team, people = support
    login(make_user("hr"))
    page = client.get(f"/dashboard/comments?team_id={team.id}").get_data(as_text=True)
    assert page.count("A single view of the customer") == 8
    assert page.count(f"Open question: “{CUSTOMERS}” · Customer mission · ") == 8
    assert page.count("Growth comment") == 3 and page.count("Open question") == 8
    assert not any(p.name in page or p.email in page for p in people)


def test_with_the_only_open_answerer_gone_seven_respondents_are_withheld(client, support, make_user, login):
    team, people = support
    only_open = sa.select(PulseResponse).where(PulseResponse.employee_id == people[7].id)
    db.session.delete(db.session.scalars(only_open).one())
    db.session.commit()
    rollups.refresh(full=True)
    login(make_user("hr"))
    page = client.get(f"/dashboard/comments?team_id={team.id}").get_data(as_text=True)
    assert "Comments withheld" in page and "A single view" not in page and "Open answers</th>" not in page


def test_comments_and_open_answers_are_counted_by_driver_and_filtered(client, support, make_user, login):
    team, _ = support
    login(make_user("hr"))
    page = client.get(f"/dashboard/comments?team_id={team.id}").get_data(as_text=True)
    assert "<tr><td>Growth</td><td>3</td><td>0</td></tr>" in page
    assert "<tr><td>Customer mission</td><td>0</td><td>8</td></tr>" in page
    assert "11 comments, newest month first" in page

    only_open = client.get(f"/dashboard/comments?team_id={team.id}&kind=open_answer").get_data(as_text=True)
    assert only_open.count("A single view") == 8 and "Growth comment" not in only_open
    assert "<tr><td>Growth</td><td>3</td><td>0</td></tr>" in only_open  # the counts are of everything
    growth = client.get(f"/dashboard/comments?team_id={team.id}&driver=growth").get_data(as_text=True)
    assert growth.count("Growth comment") == 3 and "A single view" not in growth

    bad = client.get(f"/dashboard/comments?team_id={team.id}&kind=scores")
    said = "Kind must be comment or open_answer (or left out for both), not &#39;scores&#39;"
    assert bad.status_code == 400 and said in bad.get_data(as_text=True)


def test_the_api_gives_open_answers_their_kind_and_question_and_the_counts(client, support, bearer):
    team, people = support
    url = f"/api/v1/comments?team_id={team.id}"
    body = client.get(url, headers=bearer("hr")).get_json()
    kinds = sorted((c["kind"], c["question"]) for c in body["comments"])
    assert kinds == [("comment", None)] * 3 + [("open_answer", CUSTOMERS)] * 8
    assert body["by_driver"] == [
        {"driver": "growth", "comments": 3, "open_answers": 0},
        {"driver": "customer_mission", "comments": 0, "open_answers": 8},
    ]
    only_open = client.get(url + "&kind=open_answer", headers=bearer("hr")).get_json()
    assert only_open["total"] == 8 and only_open["kind"] == "open_answer"
    assert not any(p.name in str(body) or p.email in str(body) for p in people)
    assert client.get(url + "&driver=nope", headers=bearer("hr")).status_code == 400


def test_an_open_answer_can_be_replied_to_as_a_comment_can(client, support, make_user, login):
    team, people = support
    login(make_user("hr"))
    page = client.get(f"/dashboard/comments?team_id={team.id}&kind=open_answer").get_data(as_text=True)
    ref = refs(page)[0]
    reply = client.post("/dashboard/comments/reply", data={"comment": ref, "text": "Which view do you need?"})
    assert reply.status_code == 302
    [thread] = threads()
    answered = db.session.get(PulseResponse, thread.response_id)
    assert (answered.score, answered.question.scale) == (None, "open")
    [queued] = outgoing()
    assert queued.channel == db.session.get(Employee, answered.employee_id).slack_user_id
