"""Bulk synthetic data for the dashboard benchmark: teams, people, pulse answers, ratings.

PostgreSQL is loaded with COPY, SQLite with executemany on its own connection; both in bounded time.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import numpy as np
import sqlalchemy as sa

from engage.extensions import db
from engage.models import Question
from engage.pulses.question_bank import install_question_bank

QUESTIONS_PER_DAY = 3
EMPLOYEES_PER_TEAM = 20
WEEKS = 26


def working_days(end: date, weeks: int) -> list[date]:
    days = [end - timedelta(days=n) for n in range(weeks * 7)]
    return sorted(d for d in days if d.weekday() < 5)


class Loader:
    """Writes rows with the fastest means each database offers."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"

    def write(self, table: str, columns: tuple[str, ...], rows) -> int:
        raw = self.engine.raw_connection()
        count = 0
        try:
            cursor = raw.cursor()
            if self.postgres:
                # Bulk load of consistent data: skip the per-row foreign-key triggers (needs a superuser).
                cursor.execute("SET session_replication_role = replica")
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
                cursor.execute("RESET session_replication_role")
            else:
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA foreign_keys=OFF")
                marks = ", ".join("?" * len(columns))

                def counted():
                    nonlocal count
                    for row in rows:
                        count += 1
                        yield row

                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", counted())
            raw.commit()
            if not self.postgres:
                cursor.execute("PRAGMA foreign_keys=ON")  # outside a transaction, where SQLite heeds it
        finally:
            raw.close()
        return count

    def reset_sequences(self, *tables: str) -> None:
        if self.postgres:
            with self.engine.begin() as conn:
                for table in tables:
                    conn.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT coalesce(max(id), 1) FROM {table}))"
                        )
                    )


def generate(teams: int, responses: int, ratings: int, seed: int = 7, today: date | None = None) -> dict:
    """Fill the (empty, migrated) database of the current app; return timings in seconds."""
    rng = np.random.default_rng(seed)
    loader = Loader(db.engine)
    today = today or datetime.utcnow().date()
    days = working_days(today, WEEKS)
    employees = teams * EMPLOYEES_PER_TEAM
    capacity = len(days) * employees * QUESTIONS_PER_DAY
    if responses > capacity:
        raise ValueError(f"at most {capacity} responses fit {teams} teams over {WEEKS} weeks")
    install_question_bank()
    questions = db.session.execute(sa.select(Question.id, Question.scale).order_by(Question.id)).all()
    db.session.commit()
    timings = {}
    started = time.perf_counter()
    now = datetime.utcnow()  # today's rows are stamped no later: nothing is written in the future
    loader.write(
        "team",
        ("id", "name", "parent_id", "created_at"),
        ((t, f"Team {t:03d}", None if t % 10 == 1 else t - (t - 1) % 10, now) for t in range(1, teams + 1)),
    )
    loader.write(
        "employee",
        (
            "id",
            "email",
            "name",
            "slack_user_id",
            "team_id",
            "timezone",
            "active",
            "pulse_paused",
            "created_at",
            "updated_at",
        ),
        (
            (
                e,
                f"p{e}@bench.example",
                f"Person {e}",
                f"U{e:08d}",
                1 + (e - 1) // EMPLOYEES_PER_TEAM,
                "UTC",
                True,
                False,
                now,
                now,
            )
            for e in range(1, employees + 1)
        ),
    )
    loader.reset_sequences("team", "employee")
    timings["teams and people"] = time.perf_counter() - started

    # Spread the responses evenly over every (day, question slot, employee) combination.
    picks = np.linspace(0, capacity - 1, responses).astype(np.int64)
    employee_index = picks % employees
    slot = (picks // employees) % QUESTIONS_PER_DAY
    day_index = picks // (employees * QUESTIONS_PER_DAY)
    question_index = (day_index * QUESTIONS_PER_DAY + slot) % len(questions)
    likert = rng.integers(1, 6, responses)
    nps = rng.integers(0, 11, responses)
    commented = rng.random(responses) < 0.02
    question_ids = [q for q, _ in questions]
    is_nps = [scale == "nps10" for _, scale in questions]

    def deliveries():
        for n in range(responses):
            e = int(employee_index[n]) + 1
            day = days[int(day_index[n])]
            sent = min(datetime(day.year, day.month, day.day, 10), now)
            yield (
                n + 1,
                e,
                1 + (e - 1) // EMPLOYEES_PER_TEAM,
                question_ids[int(question_index[n])],
                day,
                "sent",
                1,
                sent,
                sent,
                sent,
            )

    def answers():
        for n in range(responses):
            e = int(employee_index[n]) + 1
            q = int(question_index[n])
            day = days[int(day_index[n])]
            answered = min(datetime(day.year, day.month, day.day, 11), now)
            score = int(nps[n]) if is_nps[q] else int(likert[n])
            yield (
                n + 1,
                n + 1,
                e,
                1 + (e - 1) // EMPLOYEES_PER_TEAM,
                question_ids[q],
                score,
                "A comment about the week." if commented[n] else None,
                answered,
                answered,
            )

    started = time.perf_counter()
    loader.write(
        "pulse_delivery",
        (
            "id",
            "employee_id",
            "team_id",
            "question_id",
            "pulse_date",
            "status",
            "attempts",
            "next_attempt_at",
            "sent_at",
            "created_at",
        ),
        deliveries(),
    )
    loader.write(
        "pulse_response",
        (
            "id",
            "delivery_id",
            "employee_id",
            "team_id",
            "question_id",
            "score",
            "comment",
            "answered_at",
            "updated_at",
        ),
        answers(),
    )
    loader.reset_sequences("pulse_delivery", "pulse_response")
    timings["pulse deliveries and responses"] = time.perf_counter() - started

    started = time.perf_counter()
    rating_team = rng.integers(1, teams + 1, ratings)
    rating_day = rng.integers(0, len(days), ratings)
    rating_kind = rng.random(ratings) < 0.8
    csat_value = rng.integers(1, 6, ratings)
    nps_value = rng.integers(0, 11, ratings)

    def rating_rows():
        for n in range(ratings):
            day = days[int(rating_day[n])]
            rated = min(datetime(day.year, day.month, day.day, 15), now)
            if rating_kind[n]:
                value = int(csat_value[n])
                kind, score, satisfied = "csat", (value - 1) * 25.0, value >= 4
            else:
                value = int(nps_value[n])
                kind, score, satisfied = "nps", value * 10.0, value >= 9
            yield (
                n + 1,
                "bench",
                str(n + 1),
                kind,
                str(value),
                score,
                satisfied,
                rated,
                int(rating_team[n]),
                None,
                rated,
            )

    loader.write(
        "rating",
        (
            "id",
            "source",
            "external_id",
            "kind",
            "raw_value",
            "score",
            "satisfied",
            "rated_at",
            "team_id",
            "agent_email",
            "imported_at",
        ),
        rating_rows(),
    )
    loader.reset_sequences("rating")
    timings["ratings"] = time.perf_counter() - started
    if loader.postgres:
        started = time.perf_counter()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("ANALYZE"))
        timings["analyze"] = time.perf_counter() - started
    return timings
