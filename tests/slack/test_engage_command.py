from engage.extensions import db
from tests.slack_requests import slash_command


def reply(client, user_id: str, text: str) -> str:
    response = slash_command(client, "/engage", text, user_id)
    assert response.status_code == 200
    body = response.get_json()
    assert body["response_type"] == "ephemeral"
    return body["text"]


def test_pause_and_resume(client, make_employee):
    person = make_employee()
    assert "paused" in reply(client, person.slack_user_id, "pause")
    db.session.refresh(person)
    assert person.pulse_paused is True
    assert "already paused" in reply(client, person.slack_user_id, "pause")
    assert "resume" in reply(client, person.slack_user_id, "RESUME")
    db.session.refresh(person)
    assert person.pulse_paused is False


def test_help_and_unknown_subcommand(client, make_employee):
    person = make_employee()
    assert "/engage pause" in reply(client, person.slack_user_id, "")
    unknown = reply(client, person.slack_user_id, "dance")
    assert "I don't know `dance`" in unknown and "/engage stats" in unknown


def test_stats_show_streak_and_answers(client, make_employee, sent_pulse):
    from engage.models import PulseResponse

    person = make_employee()
    for days_ago, score in ((3, 2), (2, 4), (1, 5)):
        delivery = sent_pulse(person, days_ago=days_ago)
        db.session.add(
            PulseResponse(
                delivery_id=delivery.id, employee_id=person.id, question_id=delivery.question_id, score=score
            )
        )
    sent_pulse(person)  # today's, still open: does not break the streak
    db.session.commit()
    text = reply(client, person.slack_user_id, "stats")
    assert "3 answers, current streak 3" in text
    assert "3.67 out of 5" in text


def test_unknown_person_is_told_what_to_do(client):
    assert "sync-users" in reply(client, "UNOBODY", "pause")
