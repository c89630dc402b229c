"""The benchmark scripts start and their data generator writes what it promises (the runs are long)."""

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from benchmarks.datagen import generate
from engage.extensions import db
from engage.insights import rollups
from engage.models import Employee, PulseDelivery, PulseResponse, Rating, Team

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


SCRIPTS = [
    "pulse_fanout.py",
    "ack_latency.py",
    "ack_profile.py",
    "dashboard_latency.py",
    "zendesk_pull.py",
    "pooled_power.py",
]
# Each script run with --help as `python script.py --help` runs it, all in one process (one start-up
# and one import of engage instead of six), each's output between markers.
HELP_OF_EACH = """
import contextlib, io, runpy, sys
folder = sys.argv[1]
sys.path.insert(0, folder)
for script in sys.argv[2:]:
    sys.argv = [script, "--help"]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            runpy.run_path(f"{folder}/{script}", run_name="__main__")
        except SystemExit as stop:
            code = stop.code
        else:
            code = "no exit"
    print(f"=== {script} {code}\\n{out.getvalue()}")
"""


@pytest.fixture(scope="module")
def help_texts() -> dict[str, tuple[str, str]]:
    result = subprocess.run(
        [sys.executable, "-c", HELP_OF_EACH, str(BENCHMARKS), *SCRIPTS],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    texts = {}
    for part in result.stdout.split("=== ")[1:]:
        heading, _, text = part.partition("\n")
        script, _, code = heading.partition(" ")
        texts[script] = (code, text)
    return texts


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_benchmark_explains_itself(help_texts, script):
    code, text = help_texts[script]
    assert code == "0", text
    assert "--quick" in text


def _count(model) -> int:
    return db.session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


def test_generator_fills_the_database_and_rollups_build(app):
    timings = generate(teams=12, responses=3_000, ratings=400, seed=3)
    assert {"teams and people", "pulse deliveries and responses", "ratings"} <= set(timings)
    assert _count(Team) == 12
    assert _count(Employee) == 12 * 20
    assert _count(PulseDelivery) == _count(PulseResponse) == 3_000
    assert _count(Rating) == 400
    top_level = sa.select(sa.func.count()).select_from(Team).where(Team.parent_id.is_(None))
    assert db.session.scalar(top_level) == 2
    scores = db.session.execute(sa.select(sa.func.min(Rating.score), sa.func.max(Rating.score))).one()
    assert 0 <= scores[0] <= scores[1] <= 100
    days = db.session.scalar(sa.select(sa.func.count(sa.distinct(PulseDelivery.pulse_date))))
    assert days > 100  # spread over the 26 weeks, not bunched at the start
    assert rollups.refresh(full=True)["rows"] > 0
    db.session.add(Team(name="After the bulk load"))  # sequences moved past the explicit ids
    db.session.commit()
