"""Benchmark 1: pulse fan-out to N employees against a rate-limited fake Slack with 50 ms latency.

Prints the achieved send rate as a share of the allowed rate, duplicates and losses: for a clean
run, and for a run whose sender process is killed (SIGKILL) half-way and restarted.

    .venv/bin/python benchmarks/pulse_fanout.py                 # 10,000 employees, SQLite
    .venv/bin/python benchmarks/pulse_fanout.py --database postgresql
    .venv/bin/python benchmarks/pulse_fanout.py --quick         # 300 employees, a few seconds
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta

import sqlalchemy as sa
from _common import ROOT, fresh_database, make_app

from engage.extensions import db
from engage.models import Employee, PulseDelivery, Question
from engage.models.base import utcnow
from engage.pulses.question_bank import install_question_bank
from tests.fake_slack import FakeSlack, _post_message

BOT_TOKEN = "xoxb-bench"


class Recorder:
    """Answers chat.postMessage like Slack and notes which delivery each accepted message was for."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.delivered: list[tuple[float, int]] = []

    def __call__(self, fake: FakeSlack, params: dict) -> dict:
        blocks = params.get("blocks")
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks or []
        ids = [
            int(b["block_id"].rsplit("_", 1)[1])
            for b in blocks
            if str(b.get("block_id", "")).startswith("pulse_scores_")
        ]
        with self.lock:
            self.delivered.extend((time.monotonic(), i) for i in ids)
        return _post_message(fake, params)

    def count(self) -> int:
        with self.lock:
            return len(self.delivered)

    def reset(self) -> None:
        with self.lock:
            self.delivered.clear()


def seed(app, employees: int) -> None:
    """N employees in UTC linked to Slack, each with one pending pulse delivery for today."""
    with app.app_context():
        install_question_bank()
        question_id = db.session.scalar(sa.select(Question.id).order_by(Question.id))
        now = utcnow()
        db.session.execute(
            Employee.__table__.insert(),
            [
                {
                    "email": f"p{i}@bench.example",
                    "name": f"Person {i}",
                    "slack_user_id": f"U{i:08d}",
                    "timezone": "UTC",
                    "active": True,
                    "pulse_paused": False,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(employees)
            ],
        )
        ids = db.session.scalars(sa.select(Employee.id)).all()
        db.session.execute(
            PulseDelivery.__table__.insert(),
            [
                {
                    "employee_id": i,
                    "question_id": question_id,
                    "pulse_date": now.date(),
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now - timedelta(minutes=1),
                    "created_at": now,
                }
                for i in ids
            ],
        )
        db.session.commit()


def reset(app) -> None:
    with app.app_context():
        db.session.execute(
            sa.update(PulseDelivery).values(
                status="pending",
                slack_channel=None,
                slack_ts=None,
                sent_at=None,
                attempts=0,
                claimed_until=None,
                claimed_by=None,
                next_attempt_at=utcnow() - timedelta(minutes=1),
            )
        )
        db.session.commit()


def start_sender(url: str, slack_url: str, rate: int, workers: int, clock_offset: float) -> subprocess.Popen:
    args = [sys.executable, __file__, "--sender", url, slack_url, str(rate), str(workers), str(clock_offset)]
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def sender_main(url: str, slack_url: str, rate: str, workers: str, clock_offset: str) -> None:
    """The sender process: the real send_pending with the real client and rate limiter."""
    from engage import create_app
    from engage.pulses.ratelimit import RateLimiter
    from engage.pulses.sending import send_pending
    from engage.pulses.slack_client import sender_client

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": slack_url}
    )
    with app.app_context():
        now = utcnow() + timedelta(seconds=float(clock_offset))
        report = send_pending(now, sender_client(app), RateLimiter(float(rate)), workers=int(workers))
        print(f"sender: sent {report.sent}, retrying {report.retrying}, failed {report.failed}", flush=True)


def rate_of(delivered: list[tuple[float, int]], rate: int) -> tuple[float, float]:
    """Messages per second between the first and last accepted message, and its share of `rate`."""
    times = [t for t, _ in delivered]
    if len(times) < 2:
        return float("nan"), float("nan")
    achieved = (len(times) - 1) / (max(times) - min(times))
    return achieved, achieved / rate


def outcome(app, delivered: list[tuple[float, int]]) -> dict:
    with app.app_context():
        all_ids = set(db.session.scalars(sa.select(PulseDelivery.id)))
        sent_in_db = db.session.execute(
            sa.select(sa.func.count()).select_from(PulseDelivery).where(PulseDelivery.status == "sent")
        ).scalar_one()
    per_id = Counter(i for _, i in delivered)
    return {
        "messages": len(delivered),
        "duplicates": sum(n - 1 for n in per_id.values()),
        "lost": len(all_ids - set(per_id)),
        "not_sent_in_db": len(all_ids) - sent_in_db,
    }


def report(title: str, result: dict, phases: dict[str, list], rate: int) -> None:
    print(f"{title}:")
    print(f"  messages accepted by Slack: {result['messages']}")
    for name, delivered in phases.items():
        achieved, share = rate_of(delivered, rate)
        print(
            f"  {name}: {len(delivered)} messages at {achieved:.1f}/s of {rate}/s allowed = {share:.1%} "
            "(target >= 90%)"
        )
    print(
        f"  duplicates: {result['duplicates']} (target 0)   lost: {result['lost']} (target 0)   "
        f"rows not marked sent: {result['not_sent_in_db']}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--rate", type=int, default=100, help="allowed chat.postMessage per second")
    parser.add_argument("--latency", type=float, default=0.05, help="fake Slack latency in seconds")
    parser.add_argument("--workers", type=int, default=16, help="sender threads")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--kill-at", type=float, default=0.5, help="kill the sender after this share")
    parser.add_argument("--quick", action="store_true", help="300 employees: a smoke run")
    args = parser.parse_args()
    if args.quick:
        args.employees = 300
    recorder = Recorder()
    with fresh_database(args.database) as url, FakeSlack(latency=args.latency) as fake:
        fake.responders["chat.postMessage"] = recorder
        fake.ts_base = int(time.time())  # message timestamps on the real clock, as Slack's are
        fake.rate_limit("chat.postMessage", per_second=args.rate, burst=args.rate, retry_after=1)
        app = make_app(url)
        seed(app, args.employees)
        print(
            f"pulse fan-out: {args.employees} employees, {args.database}, Slack latency "
            f"{args.latency * 1000:.0f} ms, {args.rate}/s allowed, {args.workers} sender threads, "
            f"{os.cpu_count()} CPUs",
            flush=True,
        )

        sender = start_sender(url, fake.api_url, args.rate, args.workers, 0)
        print("  " + sender.communicate()[0].strip().replace("\n", "\n  "))
        clean = list(recorder.delivered)
        report("clean run", outcome(app, clean), {"send rate": clean}, args.rate)
        clean_429 = sum(1 for c in fake.calls_to("chat.postMessage")) - recorder.count()

        reset(app)
        recorder.reset()
        fake.messages.clear()  # the DMs start empty again, as for a new day's rows
        sender = start_sender(url, fake.api_url, args.rate, args.workers, 0)
        while recorder.count() < args.employees * args.kill_at and sender.poll() is None:
            time.sleep(0.01)
        sender.send_signal(signal.SIGKILL)
        sender.wait()
        killed_at = recorder.count()
        before_kill = list(recorder.delivered)
        with app.app_context():
            stranded = db.session.scalar(
                sa.select(sa.func.count())
                .select_from(PulseDelivery)
                .where(PulseDelivery.status == "pending", PulseDelivery.claimed_by.is_not(None))
            )
        print(
            f"  killed the sender (SIGKILL) after {killed_at} messages; {stranded} rows were claimed by it "
            "and wait for their lease to expire"
        )
        # The restart runs as the next scheduler cycle after the lease (LEASE) would: its clock is moved on.
        from engage.pulses.sending import LEASE

        sender = start_sender(url, fake.api_url, args.rate, args.workers, LEASE.total_seconds() + 1)
        print("  " + sender.communicate()[0].strip().replace("\n", "\n  "))
        everything = list(recorder.delivered)
        report(
            "killed half-way and restarted",
            outcome(app, everything),
            {"before the kill": before_kill, "after the restart": everything[killed_at:]},
            args.rate,
        )
        print(f"  (clean run: {clean_429} requests answered 429)")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--sender":
        sender_main(*sys.argv[2:7])
    else:
        main()
