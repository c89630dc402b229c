"""Pull ratings from the fake Zendesk into a throw-away database: ratings per second and peak memory.

The fake makes each page on the fly, so neither side holds the ratings whole; memory must stay flat
as the count grows (pages are streamed and each is committed with its cursor).

    .venv/bin/python benchmarks/zendesk_pull.py --quick              # 20,000 ratings, a few seconds
    .venv/bin/python benchmarks/zendesk_pull.py                      # 1,000,000 ratings, on SQLite
    .venv/bin/python benchmarks/zendesk_pull.py --database postgresql
"""

from __future__ import annotations

import argparse
import resource
import time
from datetime import datetime

from _common import ROOT, fresh_database, make_app  # noqa: F401 (puts the repo on sys.path)
from cryptography.fernet import Fernet


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def run(ratings: int, database: str) -> None:
    from engage.csat.mappings import add_mapping
    from engage.extensions import db
    from engage.models import Rating, Team
    from engage.models.base import utcnow
    from engage.sources.pulling import pull
    from engage.sources.service import NewSource, add_source
    from tests.fake_zendesk import EMAIL, GENERATED_GROUPS, TOKEN, FakeZendesk

    with fresh_database(database) as url, FakeZendesk() as zendesk:
        zendesk.generated = ratings
        app = make_app(url, ENCRYPTION_KEY=Fernet.generate_key().decode(), SECRET_KEY="bench")
        with app.app_context():
            for g in range(1, GENERATED_GROUPS + 1):
                team = Team(name=f"Team {g}")
                db.session.add(team)
                db.session.commit()
                add_mapping("zendesk", f"Group {g}", team.id)
            source = add_source(
                NewSource("zendesk", "zendesk", zendesk.url, TOKEN, EMAIL, since=datetime(2026, 1, 1)),
                utcnow(),
            )
            before, peak = _rss_mb(), 0.0
            started = time.perf_counter()
            report = None
            # Pull in slices of about 10 s, as the scheduler's runs would, sampling memory between them.
            while report is None or not report.finished:
                report = pull(source, seconds=10)
                if report.error:
                    raise SystemExit(f"pull failed: {report.error}")
                peak = max(peak, _rss_mb())
                print(f"  ... {report.created} new in this slice", flush=True)
            elapsed = time.perf_counter() - started
            stored = db.session.scalar(db.select(db.func.count()).select_from(Rating))
            db.engine.dispose()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{database}: {stored:,} ratings stored of {ratings:,} served in {elapsed:.1f} s: "
        f"{stored / elapsed:,.0f} ratings/s"
    )
    print(
        f"memory: RSS {before:.0f} MB before the pull, {peak:.0f} MB at most between slices, "
        f"peak RSS of the process {maxrss:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ratings", type=int, default=1_000_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--quick", action="store_true", help="20,000 ratings")
    args = parser.parse_args()
    run(20_000 if args.quick else args.ratings, args.database)


if __name__ == "__main__":
    main()
