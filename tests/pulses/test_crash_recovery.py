"""A sender killed after Slack accepted a message but before the row was recorded sends no duplicate."""

import json
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import PulseDelivery
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.recovery import pulse_metadata
from engage.pulses.scheduling import schedule_due
from engage.pulses.sending import BACKOFF_BASE, LEASE, LEASE_EXPIRED, claim, send_pending
from engage.pulses.slack_client import sender_client
from tests.fake_slack import _post_message
from tests.pulses.conftest import deliveries

ROOT = Path(__file__).resolve().parents[2]
MONDAY_11 = datetime(2026, 11, 23, 11, 0)
AFTER_LEASE = MONDAY_11 + LEASE + timedelta(seconds=1)

SENDER = """
import json, sys
from datetime import datetime
from engage import create_app
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.sending import send_pending
from engage.pulses.slack_client import sender_client
app = create_app(json.loads(sys.argv[1]))
with app.app_context():
    send_pending(datetime.fromisoformat(sys.argv[2]), sender_client(app), RateLimiter(0), workers=2)
"""


@pytest.fixture
def send(app):
    def run(now: datetime):
        report = send_pending(now, sender_client(app), RateLimiter(0), workers=2)
        db.session.expire_all()
        return report

    return run


@pytest.fixture
def slack_clock(fake_slack):
    """Slack's message timestamps follow the simulated day, as real ones follow the real one."""
    fake_slack.ts_base = int(MONDAY_11.replace(tzinfo=UTC).timestamp())
    return fake_slack


@pytest.fixture
def scheduled(make_employee, questions):
    def make(people: int) -> list[PulseDelivery]:
        for _ in range(people):
            make_employee()
        schedule_due(MONDAY_11)
        return deliveries()

    return make


def posted_delivery_ids(fake_slack) -> list[int]:
    calls = fake_slack.calls_to("chat.postMessage")
    return [c.params["metadata"]["event_payload"]["delivery_id"] for c in calls if "metadata" in c.params]


def post_as_the_dead_sender(app, row: PulseDelivery) -> str:
    """What the real sender does before recording: post to the person with the row's metadata."""
    response = sender_client(app).chat_postMessage(
        channel=row.employee.slack_user_id, text="pulse", metadata=pulse_metadata(row.id)
    )
    return response["ts"]


def test_each_message_carries_its_delivery_and_fresh_rows_cost_no_lookup(scheduled, send, fake_slack):
    rows = scheduled(2)
    send(MONDAY_11)
    assert sorted(posted_delivery_ids(fake_slack)) == [r.id for r in rows]
    assert all(
        c.params["metadata"]["event_type"] == "engage_pulse" for c in fake_slack.calls_to("chat.postMessage")
    )
    assert fake_slack.calls_to("conversations.history") == []
    assert fake_slack.calls_to("conversations.open") == []


def test_message_posted_before_the_kill_is_recorded_not_sent_again(app, scheduled, send, slack_clock):
    rows = scheduled(2)
    assert len(claim(MONDAY_11, "killed-process")) == len(rows)
    posted_ts = post_as_the_dead_sender(app, rows[0])  # then the process died, the row still claimed

    report = send(AFTER_LEASE)

    assert posted_delivery_ids(slack_clock).count(rows[0].id) == 1
    assert sorted(posted_delivery_ids(slack_clock)) == [r.id for r in rows]
    assert report.sent == len(rows)
    db.session.refresh(rows[0])
    assert (rows[0].status, rows[0].slack_ts, rows[0].slack_channel) == (
        "sent",
        posted_ts,
        "D" + rows[0].employee.slack_user_id,
    )
    assert {r.status for r in deliveries()} == {"sent"}
    assert all(r.last_error is None for r in deliveries())
    lookups = slack_clock.calls_to("conversations.history")
    assert len(lookups) == len(rows)  # only re-claimed rows are looked up
    oldest = float(lookups[0].params["oldest"])
    assert oldest <= float(posted_ts) and lookups[0].params["include_all_metadata"] in ("1", "true")


def test_lookup_pages_back_through_later_messages(app, scheduled, send, slack_clock):
    [row, *_] = scheduled(1)
    claim(MONDAY_11, "killed-process")
    posted_ts = post_as_the_dead_sender(app, row)
    client = sender_client(app)
    for n in range(45):  # kudos, reminders... posted to the same DM afterwards
        client.chat_postMessage(channel=row.employee.slack_user_id, text=f"later {n}")

    send(AFTER_LEASE)

    db.session.refresh(row)
    assert (row.status, row.slack_ts) == ("sent", posted_ts)
    assert posted_delivery_ids(slack_clock).count(row.id) == 1
    assert len(slack_clock.calls_to("conversations.history")) > 2  # the first page of 20 did not hold it


def test_failed_lookup_waits_instead_of_risking_a_duplicate(app, scheduled, send, slack_clock):
    [row, *_] = scheduled(1)
    claim(MONDAY_11, "killed-process")
    posted_ts = post_as_the_dead_sender(app, row)
    slack_clock.fail_next("conversations.history", status=500, times=2)  # both of the day's rows

    send(AFTER_LEASE)
    db.session.refresh(row)
    assert (row.status, row.attempts) == ("pending", 1)
    assert "could not check the DM" in row.last_error

    send(AFTER_LEASE + BACKOFF_BASE + timedelta(seconds=1))
    db.session.refresh(row)
    assert (row.status, row.slack_ts) == ("sent", posted_ts)
    assert posted_delivery_ids(slack_clock).count(row.id) == 1


def test_without_the_history_scope_the_row_is_sent_as_before(app, scheduled, send, slack_clock):
    [row, *_] = scheduled(1)
    claim(MONDAY_11, "killed-process")
    slack_clock.fail_next("conversations.history", status=200, error="missing_scope", times=2)

    send(AFTER_LEASE)

    db.session.refresh(row)
    assert row.status == "sent"
    assert posted_delivery_ids(slack_clock).count(row.id) == 1


def test_retry_after_a_failed_post_looks_first(scheduled, send, slack_clock):
    rows = scheduled(1)
    slack_clock.fail_next("chat.postMessage", status=500, times=len(rows))
    send(MONDAY_11)
    db.session.expire_all()
    assert {(r.status, r.attempts) for r in deliveries()} == {("pending", 1)}
    assert slack_clock.calls_to("conversations.history") == []

    send(MONDAY_11 + BACKOFF_BASE + timedelta(seconds=1))
    assert {r.status for r in deliveries()} == {"sent"}
    assert len(slack_clock.calls_to("conversations.history")) == len(rows)


def test_claim_marks_rows_whose_lease_expired(scheduled):
    rows = scheduled(1)
    claim(MONDAY_11, "first")
    assert claim(MONDAY_11 + timedelta(minutes=1), "second") == []
    assert claim(AFTER_LEASE, "second") == [r.id for r in rows]
    db.session.expire_all()
    assert {r.last_error for r in deliveries()} == {LEASE_EXPIRED}


def test_sender_process_killed_with_sigkill_mid_send(app, test_config, scheduled, send, slack_clock):
    """A real sender process; Slack accepts its messages but it is killed before it hears back."""
    rows = scheduled(3)
    release, first = threading.Event(), threading.Lock()

    def accept_then_hang(fake, params):
        response = _post_message(fake, params)
        if not first.acquire(blocking=False):  # only the first message is answered
            release.wait(30)  # the message is in the DM; the sender never gets the answer
        return response

    slack_clock.responders["chat.postMessage"] = accept_then_hang
    sender = subprocess.Popen(
        [sys.executable, "-c", SENDER, json.dumps(test_config), MONDAY_11.isoformat()], cwd=ROOT
    )
    try:
        slack_clock.wait_for("chat.postMessage", 3, timeout=30)  # one answered, two hanging
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not db.session.scalar(
            sa.select(sa.func.count()).where(PulseDelivery.status == "sent")
        ):
            time.sleep(0.05)
            db.session.rollback()
        sender.send_signal(signal.SIGKILL)
        sender.wait()
    finally:
        sender.kill()
        release.set()
    db.session.expire_all()
    before = posted_delivery_ids(slack_clock)
    assert len(before) == 3
    assert [r.status for r in deliveries()].count("sent") == 1  # recorded as soon as it was answered

    slack_clock.responders.pop("chat.postMessage")
    send(AFTER_LEASE)

    after = posted_delivery_ids(slack_clock)
    assert sorted(after) == [r.id for r in rows]  # every row exactly once
    assert {r.status for r in deliveries()} == {"sent"}
