"""Benchmark 2: Slack acknowledgement latency under gunicorn, beside a bare slack-bolt app.

50 concurrent clients send signed requests as Slack does: pulse button clicks (block_actions),
`/engage help` slash commands and, one request in ten, "Add a comment" buttons that open a modal.
engage runs under gunicorn (gunicorn.conf.py) on a fresh database, its listeners talking to a local
fake Slack with 50 ms latency; the bare app (benchmarks/bare_bolt_app.py) only acknowledges.
Prints p50/p99 per kind (target: p99 well under Slack's 3 s; aim: under 100 ms), how long after
the click each modal opened (Slack honours a trigger_id for 3 s), and how long engage took after the
last ack until every click's chat.update and every modal had reached the fake Slack and every answer
was in the database.

    .venv/bin/python benchmarks/ack_latency.py
    .venv/bin/python benchmarks/ack_latency.py --quick      # 10 clients x 10 requests, a smoke run
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

import sqlalchemy as sa
from _common import ROOT, fresh_database, make_app, percentile

from engage.extensions import db
from engage.models import Employee, PulseDelivery, PulseResponse, Question, Team
from engage.models.base import utcnow
from engage.pulses.question_bank import install_question_bank
from tests.fake_slack import FakeSlack
from tests.slack_requests import SIGNING_SECRET, block_action, payload, signed_headers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(app, people: int) -> list[tuple[str, int]]:
    """People with a sent pulse today; returns (slack user, delivery id) for each."""
    with app.app_context():
        install_question_bank()
        question = db.session.scalars(sa.select(Question).where(Question.scale == "likert5").limit(1)).one()
        team = Team(name="Support")
        db.session.add(team)
        db.session.flush()
        now = utcnow()
        db.session.execute(
            Employee.__table__.insert(),
            [
                {
                    "email": f"p{i}@bench.example",
                    "name": f"Person {i}",
                    "slack_user_id": f"U{i:08d}",
                    "timezone": "UTC",
                    "team_id": team.id,
                    "active": True,
                    "pulse_paused": False,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(people)
            ],
        )
        employees = db.session.execute(sa.select(Employee.id, Employee.slack_user_id)).all()
        db.session.execute(
            PulseDelivery.__table__.insert(),
            [
                {
                    "employee_id": e,
                    "team_id": team.id,
                    "question_id": question.id,
                    "pulse_date": now.date(),
                    "status": "sent",
                    "attempts": 1,
                    "next_attempt_at": now - timedelta(minutes=5),
                    "slack_channel": f"D{slack}",
                    "slack_ts": "1700000000.000100",
                    "sent_at": now,
                    "created_at": now,
                }
                for e, slack in employees
            ],
        )
        db.session.commit()
        rows = db.session.execute(
            sa.select(Employee.slack_user_id, PulseDelivery.id).join(
                PulseDelivery, PulseDelivery.employee_id == Employee.id
            )
        ).all()
    return [(slack, delivery) for slack, delivery in rows if slack is not None]


def click_body(slack_user: str, delivery_id: int, score: int) -> tuple[str, str]:
    body = block_action(
        slack_user,
        f"pulse_score_{score}",
        f"{delivery_id}:{score}",
        block_id=f"pulse_scores_{delivery_id}",
        channel_id=f"D{slack_user}",
    )
    body["actions"][0]["action_ts"] = f"{time.time():.6f}"  # each click is a new one, not a retry
    return urlencode({"payload": json.dumps(body)}), "application/x-www-form-urlencoded"


def comment_button_body(slack_user: str, delivery_id: int, trigger_id: str) -> tuple[str, str]:
    body = block_action(slack_user, "pulse_comment", str(delivery_id), channel_id=f"D{slack_user}")
    body["trigger_id"] = trigger_id
    return urlencode({"payload": json.dumps(body)}), "application/x-www-form-urlencoded"


def command_body(slack_user: str) -> tuple[str, str]:
    form = payload("slash_command") | {"command": "/engage", "text": "help", "user_id": slack_user}
    return urlencode(form), "application/x-www-form-urlencoded"


def start_gunicorn(target: str, port: int, env: dict, workers: int, chdir: str | None = None):
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    args = [gunicorn, "-c", str(ROOT / "gunicorn.conf.py"), target]
    if chdir:
        args[1:1] = ["--chdir", chdir]
    env = (
        os.environ
        | env
        | {
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_ACCESS_LOG": "/dev/null",
            "GUNICORN_LOG_LEVEL": "warning",
        }
    )
    process = subprocess.Popen(args, cwd=ROOT, env=env)
    deadline = time.monotonic() + 120  # four workers importing pandas on a busy machine take a while
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{target} did not start on port {port}")


@dataclass
class Sent:
    """What the load asked engage to do, to check afterwards that it was all done."""

    clicks: int = 0
    answered: set[int] = field(default_factory=set)  # delivery ids
    modals: dict[str, float] = field(default_factory=dict)  # trigger_id -> time.monotonic() sent


def load(
    port: int, people: list[tuple[str, int]], clients: int, per_client: int, sent: Sent
) -> dict[str, list[float]]:
    """`clients` threads, each on its own keep-alive connection: clicks and commands by turns, and every
    tenth request the "Add a comment" button of the pulse clicked just before."""
    latencies: dict[str, list[float]] = {"button click": [], "slash command": [], "comment button": []}
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start.wait()
        for k in range(per_client):
            slack_user, delivery_id = people[(n * per_client + k) % len(people)]
            if k % 10 == 9:
                kind, trigger_id = "comment button", f"bench-{uuid.uuid4().hex}"
                slack_user, delivery_id = people[(n * per_client + k - 1) % len(people)]
                body, content_type = comment_button_body(slack_user, delivery_id, trigger_id)
            elif k % 2 == 0:
                kind = "button click"
                body, content_type = click_body(slack_user, delivery_id, 1 + k % 5)
            else:
                kind = "slash command"
                body, content_type = command_body(slack_user)
            headers = signed_headers(body, content_type)
            started = time.perf_counter()
            if kind == "comment button":
                with lock:
                    sent.modals[trigger_id] = time.monotonic()
            conn.request("POST", "/slack/events", body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies[kind].append(elapsed)
                if kind == "button click":
                    sent.clicks += 1
                    sent.answered.add(delivery_id)
                if response.status != 200:
                    errors.append(f"{kind}: HTTP {response.status}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        print(f"  {len(errors)} requests failed, e.g. {errors[0]}")
    return latencies


def wait_for_backlog(app, fake: FakeSlack, sent: Sent, timeout: float = 120) -> None:
    """Wait until every click's chat.update and every modal reached Slack and every answer is stored."""
    started = time.monotonic()
    while True:
        updates, modals = len(fake.calls_to("chat.update")), len(fake.calls_to("views.open"))
        with app.app_context():
            answers = db.session.execute(sa.select(sa.func.count()).select_from(PulseResponse)).scalar_one()
            db.session.remove()
        done = updates >= sent.clicks and modals >= len(sent.modals) and answers >= len(sent.answered)
        waited = time.monotonic() - started
        if done or waited > timeout:
            break
        time.sleep(0.05)
    print(
        f"  engage after the last ack: {'all done' if done else 'NOT done'} in {waited:.1f} s: "
        f"{updates}/{sent.clicks} chat.update, {modals}/{len(sent.modals)} views.open, "
        f"{answers}/{len(sent.answered)} answers in the database",
        flush=True,
    )
    delays = [
        (c.at - sent.modals[c.params["trigger_id"]]) * 1000
        for c in fake.calls_to("views.open")
        if c.params.get("trigger_id") in sent.modals
    ]
    if delays:
        print(
            f"  engage modal opens: views.open reached Slack p50 {percentile(delays, 0.5):.1f} ms, "
            f"p99 {percentile(delays, 0.99):.1f} ms, max {max(delays):.1f} ms after the click "
            f"({sum(d > 3000 for d in delays)} later than 3 s)",
            flush=True,
        )


def show(title: str, latencies: dict[str, list[float]]) -> None:
    for kind, values in latencies.items():
        if not values:
            continue
        print(
            f"  {title:<16} {kind:<14} n={len(values):<5} p50 {percentile(values, 0.5):7.1f} ms   "
            f"p99 {percentile(values, 0.99):7.1f} ms   max {max(values):7.1f} ms",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50, help="concurrent requests")
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--quick", action="store_true", help="10 clients x 10 requests: a smoke run")
    args = parser.parse_args()
    if args.quick:
        args.clients, args.requests, args.workers = 10, 10, 2
    with fresh_database(args.database) as url, FakeSlack(latency=0.05) as fake:
        app = make_app(url)
        people = seed(app, args.clients * args.requests)
        with app.app_context():
            db.engine.dispose()
        env = {
            "DATABASE_URL": url,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.api_url,
        }
        print(
            f"ack latency: {args.clients} concurrent clients x {args.requests} requests, gunicorn "
            f"{args.workers} workers x {os.environ.get('GUNICORN_THREADS', '4')} threads, {args.database}, "
            f"{os.cpu_count()} CPUs",
            flush=True,
        )
        for title, target, chdir in (
            ("engage", "wsgi:app", None),
            ("bare slack-bolt", "bare_bolt_app:app", str(ROOT / "benchmarks")),
        ):
            port = free_port()
            server = start_gunicorn(target, port, env, args.workers, chdir)
            sent = Sent()
            try:
                load(port, people, min(args.clients, 5), 2, sent)  # warm up every worker
                results = load(port, people, args.clients, args.requests, sent)
                show(title, results)
                if title == "engage":
                    wait_for_backlog(app, fake, sent)
            finally:
                server.terminate()
                server.wait(timeout=60)


if __name__ == "__main__":
    main()
