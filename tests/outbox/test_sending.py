"""Queued Slack messages: sent once, retried after a failure, given up on a permanent error, and
not posted twice when a sender died between posting and recording."""

from datetime import UTC, timedelta

import pytest
import sqlalchemy as sa

from engage import outbox
from engage.extensions import db
from engage.models import OutgoingMessage
from engage.models.base import utcnow
from engage.outbox.sending import outgoing_metadata, send_due
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.sending import claim
from engage.pulses.slack_client import sender_client


@pytest.fixture
def test_config(slack_config):
    return slack_config


def send(app, now):
    return send_due(now, sender_client(app), RateLimiter(1000))


def queued_one(channel: str = "U1") -> OutgoingMessage:
    message = outbox.queue(
        "test", channel, "hello", [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]
    )
    db.session.commit()
    return message


def state() -> list[tuple]:
    db.session.expire_all()
    return [
        tuple(row) for row in db.session.execute(sa.select(OutgoingMessage.status, OutgoingMessage.attempts))
    ]


def test_a_message_is_sent_once(app, fake_slack):
    queued_one()
    now = utcnow()
    assert send(app, now).sent == 1 and send(app, now).sent == 0
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.params["channel"] == "U1" and call.params["blocks"][0]["text"]["text"] == "hi"
    assert state() == [("sent", 1)]


def test_a_failed_send_is_retried_after_a_backoff(app, fake_slack):
    queued_one()
    fake_slack.fail_next("chat.postMessage", status=500)
    now = utcnow()
    assert send(app, now).retrying == 1 and state() == [("pending", 1)]
    assert send(app, now).sent == 0  # not due yet
    assert send(app, now + timedelta(minutes=1)).sent == 1 and state() == [("sent", 2)]


def test_a_permanent_error_is_not_retried(app, fake_slack):
    queued_one()
    fake_slack.fail_next("chat.postMessage", status=200, error="channel_not_found")
    assert send(app, utcnow()).failed == 1 and state() == [("failed", 1)]


def test_a_claimed_message_is_left_to_its_sender_until_the_lease_ends(app, fake_slack):
    queued_one()
    now = utcnow()
    assert len(claim(now, "another-sender", rows=OutgoingMessage)) == 1
    assert send(app, now).sent == 0
    assert send(app, now + timedelta(minutes=6)).sent == 1


@pytest.mark.parametrize("channel", ["U1", "C0ALERTS"])
def test_a_message_posted_by_a_sender_that_died_before_recording_it_is_recorded_not_reposted(
    app, fake_slack, channel
):
    message = queued_one(channel)
    now = utcnow()
    fake_slack.ts_base = int(now.replace(tzinfo=UTC).timestamp())  # Slack's clock agrees with ours
    assert len(claim(now, "dying-sender", rows=OutgoingMessage)) == 1
    # The dying sender's post reached Slack; its record never reached the database.
    sender_client(app).chat_postMessage(channel=channel, text="hello", metadata=outgoing_metadata(message.id))

    assert send(app, now + timedelta(minutes=6)).sent == 1
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert state() == [("sent", 1)]


def test_a_message_a_dead_sender_never_posted_is_posted_after_its_lease(app, fake_slack):
    queued_one()
    now = utcnow()
    assert len(claim(now, "dying-sender", rows=OutgoingMessage)) == 1

    assert send(app, now + timedelta(minutes=6)).sent == 1
    [call] = fake_slack.calls_to("chat.postMessage")
    assert fake_slack.calls_to("conversations.history")
    assert call.params["channel"] == "U1" and state() == [("sent", 1)]
