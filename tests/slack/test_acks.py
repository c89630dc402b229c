"""Slack gets its ack once the answer is stored, before the slow Web API calls, which follow."""

import time

import sqlalchemy as sa

from engage.extensions import db
from engage.models import PulseResponse
from tests.slack_requests import block_action, interactive, view_submission, wait_for_background_work

SLOW = 2.0  # seconds the fake Slack takes to answer each Web API call


def stored_scores() -> list[int]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(PulseResponse.score)))


def click_body(person, delivery, score: int) -> dict:
    return block_action(
        person.slack_user_id,
        f"pulse_score_{score}",
        f"{delivery.id}:{score}",
        channel_id=delivery.slack_channel,
        message_ts=delivery.slack_ts,
    )


def test_click_is_stored_and_acked_before_the_message_update(
    app, client, make_employee, sent_pulse, fake_slack
):
    person = make_employee()
    delivery = sent_pulse(person)
    fake_slack.latency = SLOW
    started = time.perf_counter()
    response = interactive(client, click_body(person, delivery, 4), wait=False)
    acked_after = time.perf_counter() - started

    assert response.status_code == 200 and acked_after < SLOW / 2
    assert stored_scores() == [4]
    assert app.extensions["engage.slack_background"].unfinished == 1  # chat.update still on its way
    wait_for_background_work(app)
    [update] = fake_slack.calls_to("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (delivery.slack_channel, delivery.slack_ts)


def test_a_retry_while_the_first_update_is_in_flight_changes_nothing(
    app, client, make_employee, sent_pulse, fake_slack
):
    person = make_employee()
    delivery = sent_pulse(person)
    fake_slack.latency = SLOW
    body = click_body(person, delivery, 2)
    interactive(client, body, wait=False)
    interactive(client, body, retry_num=1, wait=False)
    assert stored_scores() == [2]
    wait_for_background_work(app)
    assert len(fake_slack.calls_to("chat.update")) == 1


def test_comment_errors_come_back_in_the_ack_and_a_saved_comment_is_stored_before_it(
    app, client, make_employee, sent_pulse, fake_slack
):
    person = make_employee()
    delivery = sent_pulse(person)
    interactive(client, click_body(person, delivery, 3))
    fake_slack.latency = SLOW

    def submit(text):
        values = {"comment": {"comment": {"type": "plain_text_input", "value": text}}}
        body = view_submission(
            person.slack_user_id, "pulse_comment", values, private_metadata=str(delivery.id)
        )
        started = time.perf_counter()
        response = interactive(client, body, wait=False)
        return response, time.perf_counter() - started

    refused, took = submit("   ")
    assert "empty" in refused.get_json()["errors"]["comment"] and took < SLOW / 2
    saved, took = submit("Short-staffed on Mondays")
    assert saved.status_code == 200 and not saved.data and took < SLOW / 2
    db.session.expire_all()
    assert db.session.scalar(sa.select(PulseResponse.comment)) == "Short-staffed on Mondays"
    wait_for_background_work(app)
    assert "Your comment is saved" in str(fake_slack.calls_to("chat.update")[-1].params["blocks"])


def test_a_click_is_committed_when_its_ack_arrives(client, make_employee, sent_pulse, fake_slack):
    person = make_employee()
    delivery = sent_pulse(person)
    fake_slack.latency = SLOW
    response = interactive(client, click_body(person, delivery, 5), wait=False)
    assert response.status_code == 200
    with db.engine.connect() as elsewhere:  # not the request's session: only a committed row is seen
        stored = elsewhere.scalars(
            sa.select(PulseResponse.score).where(PulseResponse.delivery_id == delivery.id)
        ).all()
    assert stored == [5]


def test_a_click_signed_with_another_secret_is_refused_and_changes_nothing(
    app, client, make_employee, sent_pulse, fake_slack
):
    person = make_employee()
    delivery = sent_pulse(person)
    response = interactive(client, click_body(person, delivery, 4), secret="not-our-secret")
    assert response.status_code == 401 and "signature" in response.get_json()["error"]
    assert stored_scores() == []
    assert fake_slack.calls_to("chat.update") == []


def test_a_replayed_click_is_stored_once_and_updates_the_message_once(
    app, client, make_employee, sent_pulse, fake_slack
):
    person = make_employee()
    delivery = sent_pulse(person)
    body = click_body(person, delivery, 3)
    assert interactive(client, body).status_code == 200
    assert interactive(client, body, retry_num=2).status_code == 200
    assert stored_scores() == [3]
    assert len(fake_slack.calls_to("chat.update")) == 1


def test_message_updates_one_after_another_share_a_connection_to_slack(
    app, client, make_employee, sent_pulse, fake_slack
):
    people = [make_employee(), make_employee()]
    for person in people:
        interactive(client, click_body(person, sent_pulse(person), 4))
    first, second = fake_slack.calls_to("chat.update")
    assert first.peer == second.peer
