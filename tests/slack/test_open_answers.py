"""An open question in Slack: the Answer button opens a modal (views.open with the click's trigger_id); the
submission stores the words with no score and updates the DM; bad text comes back as modal errors."""

import json

import sqlalchemy as sa

from engage.extensions import db
from engage.models import PulseResponse
from tests.slack_requests import block_action, event, interactive, slash_command, view_submission


def responses() -> list[PulseResponse]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(PulseResponse)))


def press_answer(client, person, delivery, user_id=None):
    body = block_action(
        user_id or person.slack_user_id,
        "pulse_open_answer",
        str(delivery.id),
        channel_id=delivery.slack_channel,
        message_ts=delivery.slack_ts,
    )
    return body, interactive(client, body)


def submit(client, user, metadata, text):
    values = {"answer": {"answer": {"type": "plain_text_input", "value": text}}}
    return interactive(client, view_submission(user.slack_user_id, "pulse_open_answer", values, metadata))


def test_answer_button_opens_the_modal_and_the_submission_stores_words_without_a_score(
    client, make_team, make_employee, sent_pulse, fake_slack
):
    team = make_team()
    person = make_employee(team=team)
    delivery = sent_pulse(person, driver="customer_mission", open_question=True)
    body, response = press_answer(client, person, delivery)
    assert response.status_code == 200
    [opened] = fake_slack.calls_to("views.open")
    assert opened.params["trigger_id"] == body["trigger_id"]
    view = opened.params["view"]
    assert (view["callback_id"], view["private_metadata"]) == ("pulse_open_answer", str(delivery.id))
    [field] = [block for block in view["blocks"] if block["type"] == "input"]
    assert field["element"]["multiline"] is True
    assert field["label"]["text"] == "What one thing would help you serve customers better?"

    stored = submit(client, person, str(delivery.id), "  A customer's whole history in one place  ")
    assert stored.status_code == 200 and not stored.data
    [answer] = responses()
    assert (answer.delivery_id, answer.team_id, answer.score, answer.comment) == (
        delivery.id,
        team.id,
        None,
        "A customer's whole history in one place",
    )
    [update] = fake_slack.calls_to("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (delivery.slack_channel, delivery.slack_ts)
    blocks = json.dumps(update.params["blocks"])
    assert "your answer is saved" in blocks and "Edit your answer" in blocks and "pulse_score" not in blocks


def test_editing_the_answer_opens_the_modal_with_the_words_and_replaces_them(
    client, make_employee, sent_pulse, fake_slack
):
    person = make_employee()
    delivery = sent_pulse(person, driver="workload", open_question=True)
    submit(client, person, str(delivery.id), "The weekly report")
    press_answer(client, person, delivery)
    [opened] = fake_slack.calls_to("views.open")
    [field] = [block for block in opened.params["view"]["blocks"] if block["type"] == "input"]
    assert field["element"]["initial_value"] == "The weekly report"
    submit(client, person, str(delivery.id), "Approvals for small refunds")
    assert [(a.score, a.comment) for a in responses()] == [(None, "Approvals for small refunds")]


def test_empty_too_long_or_someone_elses_answer_comes_back_as_errors_and_stores_nothing(
    client, make_employee, sent_pulse, fake_slack
):
    person, other = make_employee(), make_employee()
    delivery = sent_pulse(person, open_question=True)

    def errors(user, metadata, text) -> str:
        reply = submit(client, user, metadata, text).get_json()
        assert reply["response_action"] == "errors"
        return reply["errors"]["answer"]

    assert "The answer is empty" in errors(person, str(delivery.id), "  \n ")
    assert "under 2000 characters (it has 2001)" in errors(person, str(delivery.id), "x" * 2001)
    assert "someone else" in errors(other, str(delivery.id), "Mine now")
    assert "lost track" in errors(person, "not-a-number", "Hello")
    assert responses() == []
    assert fake_slack.calls_to("chat.update") == []


def test_a_score_question_has_no_answer_modal_and_an_open_one_takes_no_score(
    client, make_employee, sent_pulse, fake_slack
):
    person = make_employee()
    scored = sent_pulse(person, driver="growth")
    open_one = sent_pulse(person, driver="feedback", open_question=True)
    press_answer(client, person, scored)
    assert fake_slack.calls_to("views.open") == []
    assert "takes a score" in fake_slack.calls_to("chat.postEphemeral")[-1].params["text"]

    tap = block_action(person.slack_user_id, "pulse_score_4", f"{open_one.id}:4")
    interactive(client, tap)
    assert "answered in words" in fake_slack.calls_to("chat.postEphemeral")[-1].params["text"]
    comment = {"comment": {"comment": {"type": "plain_text_input", "value": "sneaky"}}}
    commenting = view_submission(person.slack_user_id, "pulse_comment", comment, str(open_one.id))
    reply = interactive(client, commenting)
    assert "answered in words" in reply.get_json()["errors"]["comment"]
    assert responses() == []


def test_yesterdays_open_question_is_closed(client, make_employee, sent_pulse, fake_slack):
    person = make_employee()
    delivery = sent_pulse(person, open_question=True, days_ago=1)
    press_answer(client, person, delivery)
    assert fake_slack.calls_to("views.open") == []
    assert "closed" in fake_slack.calls_to("chat.postEphemeral")[-1].params["text"]
    assert "closed" in submit(client, person, str(delivery.id), "Late words").get_json()["errors"]["answer"]
    assert responses() == []


def test_app_home_lists_an_open_answer_as_in_words_and_keeps_the_average_to_scores(
    client, make_employee, sent_pulse, fake_slack
):
    person = make_employee(name="Ada")
    submit(client, person, str(sent_pulse(person, driver="growth", open_question=True).id), "More SQL")
    scored = sent_pulse(person, driver="workload")
    interactive(client, block_action(person.slack_user_id, "pulse_score_4", f"{scored.id}:4"))
    inner = {"type": "app_home_opened", "user": person.slack_user_id, "channel": "D1", "tab": "home"}
    event(client, inner | {"event_ts": "1606810927.510671"}, event_id="EvHomeOpen")
    view = json.dumps(fake_slack.calls_to("views.publish")[-1].params["view"])
    assert "_in words_ \\u00b7 What would you like to learn or try in the next few months?" in view
    assert "*4*/5" in view and "Answers:* 2" in view
    stats = slash_command(client, "/engage", "stats", person.slack_user_id)
    assert "in words: What would you like to learn" in json.dumps(stats.get_json())
    assert "Your average over the last 30 days: 4.00 out of 5." in json.dumps(stats.get_json())
