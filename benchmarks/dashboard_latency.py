"""Benchmark 3: dashboard and API latency for 500 teams, with 100k and with 3M pulse responses.

For each size: a fresh database, bulk-generated data (plus 1M ratings at the large size), the
rollup refresh; then every page and API call requested REPEAT times as an HR user through each
app, the two sizes in turns (in process: no HTTP server, so the figures are the app's own time). Prints
p50/p95 per page and the large/small ratio (target under 1.5). The first request of each page is
also shown, with the figures cache emptied first (a new worker process), and again after an incremental
refresh of NEW_ANSWERS new answers with every page warm (what the next visitor pays once the scheduler
has refreshed and shared the default pages' figures; measured in another process's place: figures cache
empty). --keep keeps the generated databases (named by their size) and reuses them next time.

    .venv/bin/python benchmarks/dashboard_latency.py --database sqlite
    .venv/bin/python benchmarks/dashboard_latency.py --database postgresql
    .venv/bin/python benchmarks/dashboard_latency.py --quick     # 20 teams, 2k and 20k responses
    .venv/bin/python benchmarks/dashboard_latency.py --database postgresql --keep  # generate once
    .venv/bin/python benchmarks/dashboard_latency.py --database postgresql --keep --refreshes-only
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from datetime import datetime, timedelta

import sqlalchemy as sa
from _common import fresh_database, kept_database, make_app, percentile
from datagen import EMPLOYEES_PER_TEAM, generate
from flask import Flask

from engage.csat.importer import import_ratings
from engage.extensions import db
from engage.insights import rollups, shared
from engage.insights.cache import figures_cache
from engage.models import PulseDelivery, PulseResponse, Question, Setting, User

PASSWORD = "bench-password-123"
NEW_ANSWERS = 100
NEW_RATINGS = 5_000
GENERATED_KEY = "bench.generated"  # set once a kept database holds its data and rollups
IMPORTS_KEY = "bench.rating_imports"  # how many times the timed ratings import ran in this database
PAGE_BUDGET_SECONDS = 15  # a slow page gets at least 3 requests, then stops after this


def pages(team_id: int) -> dict[str, str]:
    return {
        "overview": "/dashboard/",
        "teams": "/dashboard/teams",
        "team page": f"/dashboard/teams/{team_id}",
        "heatmap": "/dashboard/heatmap",
        "comments": "/dashboard/comments",
        "export.csv": "/dashboard/export.csv",
        "api teams": "/api/v1/teams",
        "api org trend": "/api/v1/org/trend",
        "api team trend": f"/api/v1/teams/{team_id}/trend",
        "api correlation": f"/api/v1/teams/{team_id}/correlation",
        "api heatmap": "/api/v1/drivers/heatmap",
    }


def sign_in(app):
    """A test client signed in as an HR user, and the first sub-team's id."""
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "hr@bench.example"))
        if user is None:
            user = User(email="hr@bench.example", role="hr")
            user.set_password(PASSWORD)
            db.session.add(user)
            db.session.commit()
        team_id = db.session.scalar(sa.text("SELECT min(id) FROM team WHERE parent_id IS NOT NULL"))
    client = app.test_client()
    response = client.post("/login", data={"email": "hr@bench.example", "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client, team_id


def timed_get(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.get_data(as_text=True)[:300]}")
    return elapsed


def measure(
    apps: dict[str, Flask], clients: dict, repeat: int
) -> dict[str, dict[str, tuple[float, float, float]]]:
    """p50, p95 and first request of every page for each app, the apps' requests taken in turns.

    Taking turns (small, large, small, large...) puts the two sizes under the same background load
    (autovacuum after the bulk load, the OS page cache, other processes), so their ratio compares the
    app's work rather than the moments the two were measured.
    """
    results: dict[str, dict[str, tuple[float, float, float]]] = {label: {} for label in apps}
    for name in pages(0):
        firsts: dict[str, float] = {}
        times: dict[str, list[float]] = {label: [] for label in apps}
        for label, app in apps.items():
            with app.app_context():
                figures_cache().clear()
            client, team_id = clients[label]
            firsts[label] = timed_get(client, pages(team_id)[name])
        # A page slower than the budget is timed once (its first request) rather than for minutes.
        slow = max(firsts.values()) > PAGE_BUDGET_SECONDS * 1000
        budget = time.perf_counter() + PAGE_BUDGET_SECONDS
        rounds = 0
        while not slow and rounds < repeat and (rounds < 3 or time.perf_counter() < budget):
            for label, (client, team_id) in clients.items():
                times[label].append(timed_get(client, pages(team_id)[name]))
            rounds += 1
        for label in apps:
            samples = times[label] or [firsts[label]]
            results[label][name] = (percentile(samples, 0.5), percentile(samples, 0.95), firsts[label])
            p50, p95, first = results[label][name]
            print(
                f"  {label:<5} {name:<16} n={len(samples):<3} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  "
                f"first (cold) {first:8.1f} ms",
                flush=True,
            )
    return results


def after_refresh(apps: dict[str, Flask], clients: dict) -> dict[str, dict[str, float]]:
    """Each page's first request in a web process other than the scheduler's (figures cache empty) after
    the scheduler's refresh of NEW_ANSWERS new answers and its shared figures, every page warm before."""
    firsts: dict[str, dict[str, float]] = {}
    for label, app in apps.items():
        client, team_id = clients[label]
        for url in pages(team_id).values():
            timed_get(client, url)
        with app.app_context():
            teams = int(db.session.scalar(sa.select(sa.func.count()).select_from(sa.table("team"))) or 0)
            mark = datetime.utcnow()
            answer_today(NEW_ANSWERS, teams)
            started = time.perf_counter()
            rollups.refresh(since=mark)
            refreshed = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            size = shared.share(app)
            sharing = (time.perf_counter() - started) * 1000
            figures_cache().clear()  # what a gunicorn worker holds: nothing of the new version
            app.extensions.pop(shared.LOADED, None)
        print(
            f"  {label:<5} refresh after {NEW_ANSWERS} new answers: {refreshed:.0f} ms; shared figures "
            f"made in {sharing:.0f} ms ({size:,} bytes)",
            flush=True,
        )
        firsts[label] = {name: timed_get(client, url) for name, url in pages(team_id).items()}
        for name, elapsed in firsts[label].items():
            print(f"  {label:<5} {name:<16} first after that refresh {elapsed:8.1f} ms", flush=True)
    return firsts


def time_refreshes(teams: int, answers: int = NEW_ANSWERS, ratings: int = NEW_RATINGS) -> None:
    """Time the scheduler's incremental refresh: with nothing new, after new answers today from a few
    teams, and after a ratings import spread over last month."""

    def refresh_after(label: str, change) -> None:
        mark = datetime.utcnow()
        change()
        started = time.perf_counter()
        counts = rollups.refresh(since=mark)
        print(
            f"  incremental refresh {label}: {(time.perf_counter() - started) * 1000:.0f} ms "
            f"({counts['periods']} periods, {counts['rows']:,} rows)",
            flush=True,
        )

    refresh_after("with nothing new", lambda: None)
    refresh_after(f"after {answers} new answers today in 5 teams", lambda: answer_today(answers, teams))
    refresh_after(
        f"after importing {ratings:,} ratings over last month", lambda: import_last_month(ratings, teams)
    )


def answer_today(count: int, teams: int) -> None:
    """count answers today, as the pulse buttons write them, from the first people of 5 teams."""
    today = datetime.utcnow().date()
    questions = db.session.scalars(sa.select(Question.id).order_by(Question.id)).all()
    for n in range(count):
        team = 1 + (n % 5) * max(teams // 5, 1)
        employee = (team - 1) * EMPLOYEES_PER_TEAM + 1 + (n // 5) % EMPLOYEES_PER_TEAM
        asked = set(
            db.session.scalars(
                sa.select(PulseDelivery.question_id).where(
                    PulseDelivery.employee_id == employee, PulseDelivery.pulse_date == today
                )
            )
        )
        question = next(q for q in questions if q not in asked)
        delivery = PulseDelivery(
            employee_id=employee,
            team_id=team,
            question_id=question,
            pulse_date=today,
            status="sent",
            sent_at=datetime.utcnow(),
            attempts=1,
        )
        db.session.add(
            PulseResponse(
                delivery=delivery, employee_id=employee, team_id=team, question_id=question, score=1 + n % 5
            )
        )
        db.session.flush()
    db.session.commit()


def import_last_month(count: int, teams: int) -> None:
    """A help-desk import of count CSAT ratings spread over every team and day of last month: the same
    ratings on every run, each with another value than the run before, so that a kept database's month
    does not grow from run to run."""
    imports = db.session.get(Setting, IMPORTS_KEY) or Setting(key=IMPORTS_KEY, value="0")
    imports.value = run = str(int(imports.value) + 1)
    db.session.add(imports)  # committed with the ratings
    this_month = datetime.utcnow().date().replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    days = (this_month - last_month).days
    rows = (
        (
            n,
            {
                "source": "bench-import",
                "external_id": str(n),
                "kind": "csat",
                "value": str(1 + (n + int(run)) % 5),
                "rated_at": f"{last_month + timedelta(days=n % days)}T12:00:00Z",
                "team": f"Team {1 + n % teams:03d}",
            },
        )
        for n in range(1, count + 1)
    )
    import_ratings(rows)


def build(url: str, teams: int, responses: int, ratings: int):
    """Generate the organisation in the database at url (unless a kept one holds it already), refresh its
    rollups and time the incremental refreshes."""
    app = make_app(url, WTF_CSRF_ENABLED=False, SECRET_KEY="bench", PROPAGATE_EXCEPTIONS=True)
    with app.app_context():
        if db.session.get(Setting, GENERATED_KEY) is not None:
            print("  reusing the kept database", flush=True)
            if db.session.get(Setting, rollups.WATERMARK_KEY) is None:  # a migration asked for a rebuild
                started = time.perf_counter()
                counts = rollups.refresh(full=True)
                print(f"  rollup rebuild: {time.perf_counter() - started:.1f} s ({counts['rows']:,} rows)")
            time_refreshes(teams)
            return app
        if db.session.scalar(sa.text("SELECT count(*) FROM team")):
            raise SystemExit(f"{url} holds a half-generated organisation: drop it and run again")
        started = time.perf_counter()
        timings = generate(teams, responses, ratings)
        for step, seconds in timings.items():
            print(f"  generate {step}: {seconds:.1f} s", flush=True)
        print(
            f"  generated {responses:,} responses and {ratings:,} ratings in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        started = time.perf_counter()
        counts = rollups.refresh(full=True)
        print(
            f"  rollup rebuild: {time.perf_counter() - started:.1f} s ({counts['rows']:,} rollup rows)",
            flush=True,
        )
        db.session.add(Setting(key=GENERATED_KEY, value=datetime.utcnow().isoformat()))
        db.session.commit()
        time_refreshes(teams)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--teams", type=int, default=500)
    parser.add_argument("--small", type=int, default=100_000, help="responses in the small organisation")
    parser.add_argument("--large", type=int, default=3_000_000, help="responses in the large organisation")
    parser.add_argument("--ratings", type=int, default=1_000_000, help="ratings in the large organisation")
    parser.add_argument("--repeat", type=int, default=20, help="requests per page")
    parser.add_argument("--quick", action="store_true", help="20 teams, 2k and 20k responses: a smoke run")
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated databases and reuse them on the next run"
    )
    parser.add_argument(
        "--refreshes-only", action="store_true", help="generate (or reuse) and time the refreshes: no pages"
    )
    args = parser.parse_args()
    if args.quick:
        args.teams, args.small, args.large, args.ratings, args.repeat = 20, 2_000, 20_000, 5_000, 3
    print(f"dashboard latency: {args.teams} teams, {args.database}, {os.cpu_count()} CPUs", flush=True)
    apps = {}
    with contextlib.ExitStack() as databases:
        for label, responses, ratings in (
            ("small", args.small, args.ratings // 30),
            ("large", args.large, args.ratings),
        ):
            print(f"{label}: {responses:,} pulse responses, {ratings:,} ratings", flush=True)
            if args.keep:
                name = f"engage_bench_dashboard_{args.teams}_{responses}_{ratings}"
                url, _ = databases.enter_context(kept_database(args.database, name))
            else:
                url = databases.enter_context(fresh_database(args.database))
            apps[label] = build(url, args.teams, responses, ratings)
        if args.refreshes_only:
            return
        print("pages, the two sizes in turns:", flush=True)
        clients = {label: sign_in(app) for label, app in apps.items()}
        sizes = measure(apps, clients, args.repeat)
        print(f"every page warm, then {NEW_ANSWERS} new answers and the scheduler's refresh:", flush=True)
        refreshed = after_refresh(apps, clients)
        for app in apps.values():
            with app.app_context():
                db.engine.dispose()
    print(
        f"\n{'page':<18} {'p50 small':>10} {'p95 small':>10} {'p50 large':>10} {'p95 large':>10} "
        f"{'ratio p50':>10} {'1st small':>10} {'1st large':>10} {'refr small':>10} {'refr large':>10}"
    )
    for name, (p50_small, p95_small, first_small) in sizes["small"].items():
        p50_large, p95_large, first_large = sizes["large"][name]
        print(
            f"{name:<18} {p50_small:>8.1f}ms {p95_small:>8.1f}ms {p50_large:>8.1f}ms {p95_large:>8.1f}ms "
            f"{p50_large / p50_small:>10.2f} {first_small:>8.1f}ms {first_large:>8.1f}ms "
            f"{refreshed['small'][name]:>8.1f}ms {refreshed['large'][name]:>8.1f}ms"
        )
    print(
        "(target: ratio under 1.5 - the dashboard reads rollups, not raw responses; 1st: first request "
        "with the figures cache empty; refr: first request after the refresh of "
        f"{NEW_ANSWERS} new answers, target under 1 s)"
    )


if __name__ == "__main__":
    main()
