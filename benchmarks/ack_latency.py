"""Benchmark 2: Slack acknowledgement latency at a company's pulse peak, open loop, beside a bare bolt app.

A 10,000-person company answers its pulse within minutes of the pulse hour. Signed pulse button clicks
arrive at a set rate whatever the app answers (an open loop: benchmarks/open_loop.py, in its own
process, on a schedule fixed in advance, latency counted from the time each click was due), for SECONDS
at 50, 100 and 200 clicks a second, then at higher rates until p99 reaches 1 s. engage runs under
gunicorn (gunicorn.conf.py) on a fresh database with 10,000 people, its listeners talking to a local
fake Slack with 50 ms latency; the bare slack-bolt app (benchmarks/bare_bolt_app.py) under the same
gunicorn settings only acknowledges. Prints p50/p99 for both side by side and the highest rate each
sustains with p99 under 1 s, then how long after the last click engage took until every click's
chat.update had reached the fake Slack and every answer was in the database.

    .venv/bin/python benchmarks/ack_latency.py
    .venv/bin/python benchmarks/ack_latency.py --quick      # 3 s at 20 and 50 clicks a second: a smoke run
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from pathlib import Path

import sqlalchemy as sa
from _common import ROOT, fresh_database, make_app, percentile
from cpu_meter import CpuShares, measure, spent

from engage.extensions import db
from engage.models import Employee, PulseDelivery, PulseResponse, Question, Team
from engage.models.base import utcnow
from engage.pulses.question_bank import install_question_bank
from tests.fake_slack import FakeSlack
from tests.slack_requests import SIGNING_SECRET

SUSTAINED_P99_MS = 1000
CLICK_TIMEOUT_S = 10  # Slack gives up after 3 s; a click not answered in 10 is a failure


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


def start_gunicorn(target: str, port: int, env: dict, workers: int | None, chdir: str | None = None):
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    args = [gunicorn, "-c", str(ROOT / "gunicorn.conf.py"), target]
    if chdir:
        args[1:1] = ["--chdir", chdir]
    env = (
        os.environ
        | env
        | {
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_ACCESS_LOG": "/dev/null",
            "GUNICORN_LOG_LEVEL": "warning",
        }
    )
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
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
class RateResult:
    rate: int
    clicks: int
    latencies_ms: list[float]
    failures: list[str]
    late_send_p99_ms: float
    answered: set[int]
    cpu: CpuShares | None = None

    @property
    def p50(self) -> float:
        return self._percentile(0.5)

    @property
    def p99(self) -> float:
        return self._percentile(0.99)

    def _percentile(self, share: float) -> float:
        """Failed clicks count as slower than any answer."""
        values = self.latencies_ms + [float("inf")] * len(self.failures)
        return percentile(values, share) if values else float("nan")

    @property
    def sustained(self) -> bool:
        return self.p99 < SUSTAINED_P99_MS


def send_clicks(
    port: int, people: list[tuple[str, int]], rate: int, seconds: float, first: int
) -> RateResult:
    """Clicks at `rate` a second for `seconds`, from people[first:] on, sent by open_loop.py."""
    job = {
        "port": port,
        "rate": rate,
        "seconds": seconds,
        "seed": rate,
        "timeout": CLICK_TIMEOUT_S,
        "first": first,
        "people": people,
    }
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("open_loop.py"))],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        check=True,
    )
    outcome = json.loads(done.stdout)
    return RateResult(
        rate,
        int(rate * seconds),
        outcome["latencies_ms"],
        outcome["failures"],
        percentile(outcome["late_sends_ms"], 0.99),
        set(outcome["answered"]),
    )


def step_rates(
    port: int, people, rates: list[int], steps: list[int], seconds: float, meter: Callable[[], CpuShares]
) -> list[RateResult]:
    """Every rate of `rates`, then each of `steps` until one is not sustained; `meter` reads the CPU spent."""
    results: list[RateResult] = []
    first = 0
    for rate in rates + steps:
        if rate not in rates and not results[-1].sustained:
            break
        before = meter()
        results.append(send_clicks(port, people, rate, seconds, first))
        results[-1].cpu = spent(before, meter())
        first += results[-1].clicks
        show_rate(results[-1])
        time.sleep(2)  # let the last clicks' queue drain before the next rate
    return results


def show_rate(result: RateResult) -> None:
    failed = f", {len(result.failures)} failed ({result.failures[0]}, ...)" if result.failures else ""
    print(
        f"    {result.rate:>5} clicks/s: {len(result.latencies_ms)} answered{failed}, "
        f"p50 {result.p50:7.1f} ms, p99 {result.p99:7.1f} ms "
        f"(the load generator sent p99 {result.late_send_p99_ms:.1f} ms late)",
        flush=True,
    )
    if result.cpu is not None:
        print(f"          {result.cpu.per_click_ms(len(result.latencies_ms))}", flush=True)


def wait_for_backlog(app, fake: FakeSlack, results: list[RateResult], timeout: float = 120) -> None:
    """Wait until every answered click's chat.update reached Slack and every answer is stored."""
    clicks = sum(len(r.latencies_ms) for r in results)
    answered = set().union(*(r.answered for r in results))
    started = time.monotonic()
    while True:
        updates = len(fake.calls_to("chat.update"))
        with app.app_context():
            stored = db.session.execute(
                sa.select(sa.func.count())
                .select_from(PulseResponse)
                .where(PulseResponse.delivery_id.in_(answered))
            ).scalar_one()
            db.session.remove()
        done = updates >= clicks and stored == len(answered)
        waited = time.monotonic() - started
        if done or waited > timeout:
            break
        time.sleep(0.1)
    print(
        f"  engage after the last click: {'all done' if done else 'NOT done'} in {waited:.1f} s: "
        f"{updates}/{clicks} chat.update, {stored}/{len(answered)} answered pulses in the database",
        flush=True,
    )


def show_table(engage: list[RateResult], bare: list[RateResult]) -> None:
    print("\n  clicks/s | engage p50 | engage p99 | bare p50 | bare p99 | engage p99 / bare p99")
    by_rate = {r.rate: r for r in bare}
    for mine in engage:
        theirs = by_rate.get(mine.rate)
        if theirs is None:
            print(f"  {mine.rate:>8} | {mine.p50:7.1f} ms | {mine.p99:7.1f} ms |          |          |")
            continue
        print(
            f"  {mine.rate:>8} | {mine.p50:7.1f} ms | {mine.p99:7.1f} ms | {theirs.p50:5.1f} ms | "
            f"{theirs.p99:5.1f} ms | {mine.p99 / theirs.p99:.2f}"
        )
    for theirs in bare:
        if theirs.rate not in {r.rate for r in engage}:
            blank = "            |            |"
            print(f"  {theirs.rate:>8} |{blank} {theirs.p50:5.1f} ms | {theirs.p99:5.1f} ms |")
    for title, results in (("engage", engage), ("bare slack-bolt", bare)):
        if not results:
            continue
        sustained = [r.rate for r in results if r.sustained]
        tried = max(r.rate for r in results)
        print(
            f"  {title}: highest rate with p99 under {SUSTAINED_P99_MS} ms: "
            f"{max(sustained) if sustained else 'none'} clicks/s (highest tried {tried})"
        )


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
            if line.startswith("Model name")
        ),
        "unknown CPU",
    )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPUs ({model}), load average {load}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rates", default="50,100,200", help="clicks a second, each measured")
    parser.add_argument(
        "--steps", default="300,400,500,600,800,1000,1200,1500", help="higher rates, tried until p99 >= 1 s"
    )
    parser.add_argument("--seconds", type=float, default=20, help="how long each rate lasts")
    parser.add_argument("--people", type=int, default=10_000, help="people with a pulse to answer")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--apps", default="engage,bare", help="which to measure: engage, bare or both")
    parser.add_argument("--quick", action="store_true", help="3 s at 20 and 50 clicks a second: a smoke run")
    args = parser.parse_args()
    rates, steps = [int(r) for r in args.rates.split(",")], [int(r) for r in args.steps.split(",") if r]
    if args.quick:
        rates, steps, args.seconds, args.people, args.workers = [20, 50], [], 3, 500, 2
    with fresh_database(args.database) as url, FakeSlack(latency=0.05) as fake:
        app = make_app(url)
        people = seed(app, args.people)
        with app.app_context():
            db.engine.dispose()
        env = {
            "DATABASE_URL": url,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.api_url,
        }
        workers = args.workers or f"{2 * (os.cpu_count() or 1) + 1} (gunicorn.conf.py's)"
        print(
            f"ack latency, open loop: pulse clicks at {rates} a second, then {steps} until p99 >= 1 s, "
            f"{args.seconds:g} s each, {args.people} people, gunicorn {workers} workers x "
            f"{os.environ.get('GUNICORN_THREADS', '4')} threads, {args.database}; {machine()}",
            flush=True,
        )
        results = {}
        for name, title, target, chdir in (
            ("engage", "engage", "wsgi:app", None),
            ("bare", "bare slack-bolt", "bare_bolt_app:app", str(ROOT / "benchmarks")),
        ):
            if name not in args.apps.split(","):
                continue
            port = free_port()
            server = start_gunicorn(target, port, env, args.workers, chdir)
            print(f"  {title}:", flush=True)
            try:
                warm_up = send_clicks(port, people, 20, 2, len(people) // 2)  # every worker's first requests
                meter = partial(measure, server.pid, url if title == "engage" else None)
                results[title] = step_rates(port, people, rates, steps, args.seconds, meter)
                if title == "engage":
                    wait_for_backlog(app, fake, [warm_up, *results[title]])
            finally:
                server.terminate()
                server.wait(timeout=60)
        show_table(results.get("engage", []), results.get("bare slack-bolt", []))


if __name__ == "__main__":
    main()
