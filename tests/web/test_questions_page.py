from datetime import date

import sqlalchemy as sa

from engage.extensions import db
from engage.models import PulseDelivery, PulseResponse, Question
from engage.pulses.question_bank import ENPS_QUESTION, install_question_bank


def question(text: str) -> Question:
    return db.session.scalars(sa.select(Question).where(Question.text == text)).one()


def test_questions_are_listed_by_driver_with_their_history(client, make_user, make_employee, login):
    install_question_bank()
    person = make_employee()
    asked = question("My workload this week is manageable.")
    for day in (1, 2):
        delivery = PulseDelivery(employee_id=person.id, question=asked, pulse_date=date(2026, 3, day))
        db.session.add(delivery)
    db.session.add(PulseResponse(delivery=delivery, employee_id=person.id, question=asked, score=2))
    db.session.commit()
    login(make_user("admin"))

    page = client.get("/admin/questions").data.decode()

    assert "Manager relationship" in page and "eNPS" in page and "Enps" not in page
    assert ENPS_QUESTION in page
    row = page[page.index(asked.text) :].split("</tr>")[0]
    assert "<td>2</td>" in row and "<td>1</td>" in row


def test_admin_adds_edits_retires_and_restores_a_question(client, make_user, make_employee, login):
    login(make_user("admin"))

    client.post("/admin/questions", data={"driver": "growth", "text": " I learned  something new this week."})
    added = question("I learned something new this week.")
    assert (added.driver, added.scale) == ("growth", "likert5")
    client.post("/admin/questions", data={"driver": "enps", "text": "Would you recommend us as an employer?"})
    assert question("Would you recommend us as an employer?").scale == "nps10"

    client.post(f"/admin/questions/{added.id}", data={"text": "I learned something useful this week."})
    assert db.session.get(Question, added.id).text == "I learned something useful this week."

    person = make_employee()
    delivery = PulseDelivery(employee_id=person.id, question_id=added.id, pulse_date=date(2026, 3, 2))
    db.session.add(PulseResponse(delivery=delivery, employee_id=person.id, question_id=added.id, score=5))
    db.session.commit()

    page = client.post(f"/admin/questions/{added.id}/retire", follow_redirects=True)
    assert b"no longer asked" in page.data
    db.session.expire_all()
    assert db.session.get(Question, added.id).retired_at is not None
    assert db.session.scalar(sa.select(PulseResponse.score).where(PulseResponse.question_id == added.id)) == 5

    client.post(f"/admin/questions/{added.id}/restore")
    db.session.expire_all()
    assert db.session.get(Question, added.id).retired_at is None


def test_question_input_errors_are_explained(client, make_user, login):
    install_question_bank()
    login(make_user("admin"))

    empty = client.post("/admin/questions", data={"driver": "growth", "text": "   "})
    assert empty.status_code == 400
    duplicate = client.post("/admin/questions", data={"driver": "growth", "text": ENPS_QUESTION.upper()})
    assert duplicate.status_code == 400 and b"already exists" in duplicate.data
    wrong_driver = client.post("/admin/questions", data={"driver": "vibes", "text": "Is it nice?"})
    assert wrong_driver.status_code == 400 and b"Not a valid choice" in wrong_driver.data
    missing = client.post("/admin/questions/99999", data={"text": "x"})
    assert missing.status_code == 404


def test_question_text_with_control_characters_is_refused(client, make_user, login):
    install_question_bank()
    login(make_user("admin"))
    before = db.session.scalar(sa.select(sa.func.count(Question.id)))
    text = "Do you \x1b[5mgrow\x1b[0m?"
    response = client.post("/admin/questions", data={"driver": "growth", "text": text})
    assert response.status_code == 400
    assert "contains control character(s) (U+001B)" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Question.id))) == before


def test_admin_adds_an_open_question_but_not_an_open_enps_one(client, make_user, login):
    login(make_user("admin"))
    page = client.get("/admin/questions").data.decode()
    assert '<option value="open">Words only (an open question)</option>' in page

    added = client.post(
        "/admin/questions",
        data={"driver": "workload", "kind": "open", "text": "What would make your week lighter?"},
        follow_redirects=True,
    )
    assert b"Added an open Workload question." in added.data
    question_added = question("What would make your week lighter?")
    assert (question_added.driver, question_added.scale) == ("workload", "open")
    assert "<td>words</td>" in added.data.decode()

    refused = client.post(
        "/admin/questions", data={"driver": "enps", "kind": "open", "text": "Why would you recommend us?"}
    )
    assert refused.status_code == 400
    assert b"eNPS is a 0-10 score; give an open question another driver" in refused.data
    assert db.session.scalar(sa.select(Question).where(Question.text.like("Why would you%"))) is None
