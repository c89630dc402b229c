import socket
import threading
from datetime import datetime, timedelta

import pytest

from engage.extensions import db
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.scheduling import schedule_due
from engage.pulses.sending import BACKOFF_BASE, LEASE, MAX_ATTEMPTS, claim, send_pending
from engage.pulses.slack_client import sender_client
from tests.pulses.conftest import deliveries

MONDAY_11 = datetime(2026, 11, 23, 11, 0)  # 11:00 in London


@pytest.fixture
def send(app):
    def run(now: datetime, workers: int = 2, per_second: float = 0):
        report = send_pending(now, sender_client(app), RateLimiter(per_second), workers=workers)
        db.session.expire_all()
        return report

    return run


@pytest.fixture
def one_pending(make_employee, questions):
    person = make_employee(timezone="Europe/London")
    schedule_due(MONDAY_11)
    [row] = [r for r in deliveries(person) if r.question.driver != "enps"]
    for other in deliveries(person):
        if other.id != row.id:
            db.session.delete(other)
    db.session.commit()
    return row


def test_message_goes_to_the_persons_dm_with_one_button_per_score(one_pending, send, fake_slack):
    report = send(MONDAY_11)
    assert report.sent == 1
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.params["channel"] == one_pending.employee.slack_user_id
    buttons = [e for b in call.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["text"]["text"] for b in buttons] == ["1", "2", "3", "4", "5"]
    assert one_pending.question.text in str(call.params["blocks"])
    assert (one_pending.status, one_pending.attempts) == ("sent", 1)
    assert (one_pending.slack_channel, one_pending.slack_ts) == (call.params["channel"], "1700000000.000001")


def test_enps_message_has_eleven_buttons(make_employee, questions, send, fake_slack):
    make_employee()
    schedule_due(MONDAY_11)
    send(MONDAY_11)
    labels = [
        [e["text"]["text"] for b in c.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
        for c in fake_slack.calls_to("chat.postMessage")
    ]
    assert [str(n) for n in range(11)] in labels


def test_429_retry_after_is_honoured(one_pending, send, fake_slack):
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=1)
    report = send(MONDAY_11)
    first, second = fake_slack.calls_to("chat.postMessage")
    assert second.at - first.at >= 1.0
    assert report.sent == 1 and one_pending.status == "sent" and one_pending.attempts == 1


def test_outage_is_retried_with_back_off_then_recovers(one_pending, send, fake_slack):
    fake_slack.fail_next("chat.postMessage", status=500, times=2)
    send(MONDAY_11)
    assert (one_pending.status, one_pending.attempts) == ("pending", 1)
    assert one_pending.last_error
    assert one_pending.next_attempt_at >= MONDAY_11 + BACKOFF_BASE

    send(MONDAY_11 + BACKOFF_BASE - timedelta(seconds=5))  # too early: nothing is tried
    assert len(fake_slack.calls_to("chat.postMessage")) == 1

    send(MONDAY_11 + BACKOFF_BASE + timedelta(seconds=1))
    assert (one_pending.status, one_pending.attempts) == ("pending", 2)
    assert one_pending.next_attempt_at >= MONDAY_11 + 3 * BACKOFF_BASE  # the wait doubled

    send(MONDAY_11 + 4 * BACKOFF_BASE)
    assert (one_pending.status, one_pending.attempts) == ("sent", 3)
    assert len(fake_slack.calls_to("chat.postMessage")) == 3


def test_gives_up_after_the_last_attempt(one_pending, send, fake_slack):
    fake_slack.fail_next("chat.postMessage", status=503, times=MAX_ATTEMPTS)
    now = MONDAY_11
    for _ in range(MAX_ATTEMPTS):
        send(now)
        now += timedelta(minutes=31)
    assert (one_pending.status, one_pending.attempts) == ("failed", MAX_ATTEMPTS)
    send(now + timedelta(hours=1))
    assert len(fake_slack.calls_to("chat.postMessage")) == MAX_ATTEMPTS


def test_permanent_slack_error_fails_at_once(one_pending, send, fake_slack):
    fake_slack.fail_next("chat.postMessage", status=200, error="user_not_found")
    send(MONDAY_11)
    assert (one_pending.status, one_pending.last_error) == ("failed", "user_not_found")


def test_killed_sender_is_resumed_after_its_lease_without_duplicates(
    make_employee, questions, send, fake_slack
):
    for _ in range(4):
        make_employee()
    schedule_due(MONDAY_11)
    claimed = claim(MONDAY_11, "killed-process", limit=5)  # claimed, then the process died
    assert len(claimed) == 5
    send(MONDAY_11 + timedelta(minutes=1))
    assert len(fake_slack.calls_to("chat.postMessage")) == 3  # only the unclaimed rows
    send(MONDAY_11 + LEASE + timedelta(seconds=1))
    posted = fake_slack.calls_to("chat.postMessage")
    assert len(posted) == 8
    assert {r.status for r in deliveries()} == {"sent"}
    assert len({(c.params["channel"], c.params["text"]) for c in posted}) == 8


def test_two_concurrent_senders_send_each_row_once(app, make_employee, questions, fake_slack):
    fake_slack.latency = 0.02
    for _ in range(15):
        make_employee()
    schedule_due(MONDAY_11)
    errors = []

    def sender():
        try:
            with app.app_context():
                send_pending(MONDAY_11, sender_client(app), RateLimiter(0), workers=3)
                db.session.remove()
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    db.session.expire_all()
    posted = fake_slack.calls_to("chat.postMessage")
    assert len(posted) == 30
    assert len({(c.params["channel"], c.params["text"]) for c in posted}) == 30
    assert {r.status for r in deliveries()} == {"sent"}


def test_rate_limited_fan_out_sends_everyone_once(make_employee, questions, send, fake_slack):
    fake_slack.rate_limit("chat.postMessage", per_second=10, burst=3, retry_after=1)
    for _ in range(6):
        make_employee()
    schedule_due(MONDAY_11)
    report = send(MONDAY_11, workers=4)
    # a row answered 429 too often in a row backs off to the next cycle, as the scheduler would run it
    later = send(MONDAY_11 + timedelta(minutes=30), workers=4)
    assert report.sent + later.sent == 12
    answered = [c for c in fake_slack.calls_to("chat.postMessage")]
    assert len(answered) > 12  # some were answered 429 and sent again
    assert {r.status for r in deliveries()} == {"sent"}
    assert len({(r.slack_channel, r.slack_ts) for r in deliveries()}) == 12


def test_reminder_once_to_those_who_have_not_answered(app, make_employee, cycle, fake_slack):
    from engage.models import PulseResponse

    app.config["PULSE_REMINDER_HOURS"] = 2
    quiet, answered = make_employee(), make_employee()
    cycle(datetime(2026, 11, 23, 10, 0))
    for row in deliveries(answered):
        db.session.add(
            PulseResponse(delivery_id=row.id, employee_id=answered.id, question_id=row.question_id, score=4)
        )
    db.session.commit()
    cycle(datetime(2026, 11, 23, 11, 0))
    cycle(datetime(2026, 11, 23, 12, 1))
    cycle(datetime(2026, 11, 23, 13, 0))
    reminders = [c for c in fake_slack.calls_to("chat.postMessage") if "reminder" in c.params["text"]]
    assert [c.params["channel"] for c in reminders] == [quiet.slack_user_id]


def test_network_errors_are_retried_later(app, one_pending, send):
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    app.config["SLACK_API_URL"] = f"http://127.0.0.1:{port}/api/"
    report = send(MONDAY_11)
    assert report.retrying == 1
    assert (one_pending.status, one_pending.attempts) == ("pending", 1)
    assert one_pending.last_error.startswith("network")
