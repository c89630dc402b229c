import io
import time

import sqlalchemy as sa

from engage.csat.csvfile import read_ratings_csv
from engage.extensions import db
from engage.models import Rating, TeamMapping

ROWS = 50_000


def test_a_50k_row_file_streams_in_reasonable_time(runner, make_team, make_employee, tmp_path):
    teams = [make_team(f"Team {i}") for i in range(20)]
    db.session.add_all(
        TeamMapping(source="zendesk", external_group=f"Queue {i}", team_id=t.id) for i, t in enumerate(teams)
    )
    db.session.commit()
    for i, team in enumerate(teams):
        make_employee(team, email=f"agent{i}@example.com")
    path = tmp_path / "big.csv"
    with path.open("w") as out:
        out.write("source,external_id,rated_at,kind,value,scale,team,group,agent_email\n")
        for i in range(ROWS):
            placement = [
                (f"Team {i % 20}", "", ""),
                ("", f"Queue {i % 20}", ""),
                ("", "", f"agent{i % 20}@example.com"),
            ][i % 3]
            value, kind = [
                (str(1 + i % 5), "csat"),
                ("good" if i % 2 else "bad", "csat"),
                (str(i % 11), "nps"),
            ][i % 3]
            out.write(
                f"zendesk,t{i},2026-0{1 + i % 9}-1{i % 10}T0{i % 10}:00:00Z,{kind},{value},,"
                f"{','.join(placement)}\n"
            )
    started = time.perf_counter()
    result = runner.invoke(args=["engage", "import-ratings", str(path)])
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert f"created {ROWS}," in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Rating)) == ROWS
    unplaced = sa.select(sa.func.count()).select_from(Rating).where(Rating.team_id.is_(None))
    assert db.session.scalar(unplaced) == 0
    assert elapsed < 120, f"{ROWS} rows took {elapsed:.1f}s"


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.furthest = 0

    def read1(self, size: int | None = -1) -> bytes:
        chunk = super().read1(size)
        self.furthest = self.tell()
        return chunk

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.furthest = self.tell()
        return chunk


def test_the_reader_does_not_load_the_whole_file():
    lines = [f"zendesk,t{i},2026-01-01,csat,good,,Support,," for i in range(20_000)]
    stream = CountingStream(
        ("source,external_id,rated_at,kind,value,scale,team,group,agent_email\n" + "\n".join(lines)).encode()
    )
    rows = read_ratings_csv(stream)
    assert next(rows)[1]["external_id"] == "t0"
    assert stream.furthest < len(stream.getvalue()) // 10
