import json
from datetime import timedelta

from engage.extensions import db
from engage.models import PulseResponse
from engage.models.base import utcnow
from tests.slack_requests import event


def home_opened(client, user_id: str, event_id: str = "EvHome1", retry_num: int | None = None):
    inner = {
        "type": "app_home_opened",
        "user": user_id,
        "channel": "D111",
        "tab": "home",
        "event_ts": "1606810927.510671",
    }
    return event(client, inner, event_id=event_id, retry_num=retry_num)


def answer(delivery, score: int, at=None) -> None:
    db.session.add(
        PulseResponse(
            delivery_id=delivery.id,
            employee_id=delivery.employee_id,
            team_id=delivery.team_id,
            question_id=delivery.question_id,
            score=score,
            answered_at=at or utcnow(),
        )
    )
    db.session.commit()


def test_home_shows_recent_answers_and_kudos(client, make_employee, sent_pulse, fake_slack):
    person = make_employee(name="Ada")
    answer(sent_pulse(person), 4)
    assert home_opened(client, person.slack_user_id).status_code == 200
    [publish] = fake_slack.calls_to("views.publish")
    assert publish.params["user_id"] == person.slack_user_id
    view = json.dumps(publish.params["view"])
    assert "Hi Ada" in view and "*4*/5" in view and "Kudos received:* 0" in view
    assert "trend appears once at least 5" in view


def test_team_trend_only_when_enough_people_answered(
    app, client, make_team, make_employee, sent_pulse, fake_slack
):
    team = make_team()
    people = [make_employee(team=team) for _ in range(5)]
    for person in people[:4]:
        answer(sent_pulse(person), 3)
    home_opened(client, people[0].slack_user_id, event_id="Ev1")
    assert "weekly average" not in json.dumps(fake_slack.calls_to("views.publish")[-1].params["view"])
    answer(sent_pulse(people[4]), 5)
    home_opened(client, people[0].slack_user_id, event_id="Ev2")
    view = json.dumps(fake_slack.calls_to("views.publish")[-1].params["view"])
    assert "weekly average" in view and "*3.40*/5 (5 people)" in view
    last_week = utcnow() - timedelta(days=7)
    assert f"Week of {last_week - timedelta(days=last_week.weekday()):%d %b}: _too few" in view


def test_retried_event_is_handled_once(client, make_employee, fake_slack):
    person = make_employee()
    home_opened(client, person.slack_user_id, event_id="EvSame")
    home_opened(client, person.slack_user_id, event_id="EvSame", retry_num=1)
    home_opened(client, person.slack_user_id, event_id="EvSame", retry_num=2)
    assert len(fake_slack.calls_to("views.publish")) == 1


def test_messages_tab_and_unknown_people(client, fake_slack):
    inner = {"type": "app_home_opened", "user": "UX", "channel": "D1", "tab": "messages"}
    event(client, inner, event_id="EvMsg")
    assert fake_slack.calls_to("views.publish") == []
    home_opened(client, "UNKNOWN", event_id="EvUnknown")
    assert "can't find you" in json.dumps(fake_slack.calls_to("views.publish")[0].params["view"])


def test_user_change_updates_time_zone_and_link(client, make_employee):
    person = make_employee(email="Grace@Example.com", slack_user_id=None, timezone=None)
    inner = {
        "type": "user_change",
        "user": {
            "id": "U777",
            "tz": "Asia/Kolkata",
            "deleted": False,
            "is_bot": False,
            "profile": {"email": "grace@example.com"},
        },
    }
    assert event(client, inner, event_id="EvUser1").status_code == 200
    db.session.refresh(person)
    assert (person.slack_user_id, person.timezone) == ("U777", "Asia/Kolkata")
    inner["user"]["tz"] = "Europe/Paris"
    event(client, inner, event_id="EvUser2")
    db.session.refresh(person)
    assert person.timezone == "Europe/Paris"
