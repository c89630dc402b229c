import os
import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import ProcessedSlackEvent, PulseDelivery
from engage.models.base import utcnow
from engage.pulses.heartbeat import last_beat
from engage.pulses.jobs import (
    JOBS,
    build_scheduler,
    heartbeat_job,
    prune_job,
    pulse_job,
    refresh_stats_job,
    run_pulse_cycle,
    sync_users_job,
)
from engage.pulses.leader import LeaderLock

ROOT = Path(__file__).resolve().parents[2]


def slack_user(n: int, **fields) -> dict:
    return {
        "id": f"U{n:05d}",
        "deleted": False,
        "is_bot": False,
        "tz": "America/New_York",
        "profile": {"email": f"user{n}@example.com"},
    } | fields


def test_sync_users_pages_links_by_email_and_skips_bots_and_deactivated(runner, make_employee, fake_slack):
    fake_slack.users = [slack_user(n) for n in range(450)]
    fake_slack.users[5] |= {"is_bot": True}
    fake_slack.users[6] |= {"deleted": True}
    fake_slack.users[7] |= {"id": "USLACKBOT"}
    fake_slack.users[300]["profile"]["email"] = "LATE.Page@Example.com"
    linked = make_employee(email="user1@example.com", slack_user_id=None, timezone=None)
    bot = make_employee(email="user5@example.com", slack_user_id=None)
    gone = make_employee(email="user6@example.com", slack_user_id=None)
    late = make_employee(email="late.page@example.com", slack_user_id=None, timezone="UTC")
    result = runner.invoke(args=["engage", "sync-users"])
    assert result.exit_code == 0, result.output
    assert len(fake_slack.calls_to("users.list")) == 3
    assert [c.params.get("cursor") for c in fake_slack.calls_to("users.list")] == [None, "200", "400"]
    db.session.expire_all()
    assert (linked.slack_user_id, linked.timezone) == ("U00001", "America/New_York")
    assert (late.slack_user_id, late.timezone) == ("U00300", "America/New_York")
    assert bot.slack_user_id is None and gone.slack_user_id is None
    assert "linked or updated 2" in result.output and "skipped 2 bots" in result.output
    assert "1 deactivated" in result.output
    again = runner.invoke(args=["engage", "sync-users"])
    assert "linked or updated 0, unchanged 2" in again.output


def test_send_pulses_command_sends_what_is_due(app, runner, make_employee, fake_slack):
    from engage.pulses.question_bank import install_question_bank

    install_question_bank()
    app.config["ENGAGE_TIMEZONE"] = "UTC"
    app.config["PULSE_LOCAL_HOUR"] = 0  # due now, whatever the real clock says
    app.config["PULSE_WEEKDAYS"] = tuple(range(7))
    make_employee(timezone="Asia/Tokyo")
    result = runner.invoke(args=["engage", "send-pulses"])
    assert result.exit_code == 0, result.output
    sent = db.session.scalar(
        sa.select(sa.func.count()).select_from(PulseDelivery).where(PulseDelivery.status == "sent")
    )
    assert sent >= 1 and f"sent {sent}," in result.output
    assert len(fake_slack.calls_to("chat.postMessage")) == sent


def test_commands_say_slack_is_not_connected(app, runner):
    app.config["SLACK_BOT_TOKEN"] = ""
    for command in ("sync-users", "send-pulses", "scheduler", "slack-socket"):
        result = runner.invoke(args=["engage", command])
        assert result.exit_code != 0 and "Slack is not connected" in result.output


def test_socket_mode_needs_an_app_token(app, runner):
    app.config["SLACK_APP_TOKEN"] = ""
    result = runner.invoke(args=["engage", "slack-socket"])
    assert result.exit_code != 0 and "SLACK_APP_TOKEN" in result.output


def test_scheduler_declares_the_pulse_job_every_minute(app):
    scheduler, lock = build_scheduler(app)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert (
        set(jobs)
        == {j.id for j in JOBS}
        == {
            "heartbeat",
            "pulses",
            "digests",
            "plan-reviews",
            "praise",
            "pull-sources",
            "refresh-stats",
            "forget-old-slack-events",
            "sync-slack-users",
            "outgoing",
            "team-alerts",
            "retention",
        }
    )
    assert jobs["heartbeat"].trigger.interval.total_seconds() == 60
    assert jobs["sync-slack-users"].trigger.interval.total_seconds() == 3600
    assert jobs["refresh-stats"].trigger.interval.total_seconds() == 300
    assert jobs["pull-sources"].trigger.interval.total_seconds() == 60  # each source on its own interval
    assert jobs["pulses"].trigger.interval.total_seconds() == 60
    assert jobs["outgoing"].trigger.interval.total_seconds() == 60
    assert jobs["team-alerts"].trigger.interval.total_seconds() == 3600
    assert jobs["pulses"].max_instances == 1 and jobs["pulses"].coalesce
    assert jobs["digests"].trigger.interval.total_seconds() == 60
    lock.release()


def test_the_scheduler_links_people_imported_after_the_last_sync(app, make_employee, fake_slack):
    fake_slack.users = [slack_user(1), slack_user(2, tz="Asia/Tokyo")]
    linked = make_employee(email="user1@example.com", slack_user_id="U00001", timezone="America/New_York")
    newcomer = make_employee(email="user2@example.com", slack_user_id=None, timezone=None)
    lock = LeaderLock(db.engine)
    sync_users_job(app, lock)
    lock.release()
    db.session.expire_all()
    assert (newcomer.slack_user_id, newcomer.timezone) == ("U00002", "Asia/Tokyo")
    assert linked.slack_user_id == "U00001"


def test_the_heartbeat_job_stores_when_the_scheduler_last_ran(app):
    assert last_beat() is None
    lock = LeaderLock(db.engine)
    heartbeat_job(app, lock)
    lock.release()
    assert utcnow() - last_beat() < timedelta(seconds=5)


def test_old_slack_event_keys_are_forgotten(app):
    now = utcnow()
    db.session.add_all(
        [
            ProcessedSlackEvent(key="old", received_at=now - timedelta(days=8)),
            ProcessedSlackEvent(key="new", received_at=now - timedelta(hours=1)),
        ]
    )
    db.session.commit()
    lock = LeaderLock(db.engine)
    prune_job(app, lock)
    lock.release()
    assert list(db.session.scalars(sa.select(ProcessedSlackEvent.key))) == ["new"]


def test_the_scheduler_refreshes_the_dashboard_rollups(app, make_team, make_employee):
    from engage.models import PulseDelivery, PulseResponse, Question
    from engage.models.insights import TeamPeriodStat

    team = make_team("Support")
    person = make_employee(team)
    question = Question(driver="growth", text="I am learning.", scale="likert5")
    db.session.add(question)
    db.session.flush()
    delivery = PulseDelivery(
        employee_id=person.id,
        team_id=team.id,
        question_id=question.id,
        pulse_date=utcnow().date(),
        status="sent",
    )
    db.session.add(delivery)
    db.session.flush()
    db.session.add(
        PulseResponse(
            delivery_id=delivery.id, employee_id=person.id, team_id=team.id, question_id=question.id, score=4
        )
    )
    db.session.commit()
    lock = LeaderLock(db.engine)
    refresh_stats_job(app, lock)
    lock.release()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TeamPeriodStat)) > 0


def test_two_schedulers_running_at_once_send_each_pulse_once(app, make_employee, fake_slack):
    from engage.pulses.question_bank import install_question_bank

    install_question_bank()
    fake_slack.latency = 0.01
    people = [make_employee() for _ in range(10)]
    now = datetime(2026, 11, 23, 10, 0)
    errors = []

    def scheduler():
        try:
            with app.app_context():
                run_pulse_cycle(app, now)
                db.session.remove()
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = list(db.session.scalars(sa.select(PulseDelivery)))
    assert len(rows) == 20 and {r.status for r in rows} == {"sent"}
    assert len(fake_slack.calls_to("chat.postMessage")) == 20
    assert {c.params["channel"] for c in fake_slack.calls_to("chat.postMessage")} == {
        p.slack_user_id for p in people
    }


def test_only_one_scheduler_leads_on_postgresql(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite deployments run a single scheduler process (documented)")
    first, second = LeaderLock(db.engine), LeaderLock(db.engine)
    try:
        assert first.is_leader() is True
        assert second.is_leader() is False
        assert first.is_leader() is True  # keeps it
        first.release()
        assert second.is_leader() is True  # the standby takes over
        assert first.is_leader() is False
    finally:
        first.release()
        second.release()


def test_sqlite_scheduler_always_leads(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL elects a leader")
    assert LeaderLock(db.engine).is_leader() is True


def test_standby_scheduler_job_does_nothing(app, make_employee, fake_slack):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL advisory locks")
    from engage.pulses.question_bank import install_question_bank

    install_question_bank()
    app.config["PULSE_LOCAL_HOUR"] = 0
    app.config["PULSE_WEEKDAYS"] = tuple(range(7))
    make_employee(timezone="Asia/Tokyo")
    leader = LeaderLock(db.engine)
    assert leader.is_leader()
    try:
        pulse_job(app, LeaderLock(db.engine))
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PulseDelivery)) == 0
        pulse_job(app, leader)
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PulseDelivery)) >= 1
    finally:
        leader.release()


def test_scheduler_process_sends_due_pulses_and_stops_cleanly(app, make_employee, fake_slack, migrated):
    from engage.pulses.question_bank import install_question_bank

    install_question_bank()
    person = make_employee(timezone="Asia/Tokyo")
    env = os.environ | {
        "DATABASE_URL": migrated,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": fake_slack.api_url,
        "ENGAGE_PULSE_HOUR": "0",
        "ENGAGE_PULSE_DAYS": "mon,tue,wed,thu,fri,sat,sun",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "engage", "scheduler"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        fake_slack.wait_for("chat.postMessage", 2, timeout=30)
    except AssertionError:
        pass  # reported below, with the process's output
    process.send_signal(signal.SIGTERM)
    try:
        output, _ = process.communicate(timeout=90)
    finally:
        process.kill()  # a scheduler left running would send the next tests' pulses
    calls = fake_slack.calls_to("chat.postMessage")
    assert len(calls) == 2, output
    assert {c.params["channel"] for c in calls} == {person.slack_user_id}
    assert process.returncode == 0, output
    assert "pulse scheduler running" in output
    assert "scheduler stopping on signal 15" in output
