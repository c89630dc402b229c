"""Import answers from a previous survey tool: check the whole file in a first streaming pass, then
write it in batches in a second, in one transaction; a file with any problem writes nothing.

Imported answers are stored as Slack answers are (a delivery, with status "imported", and its
answer), so every figure and rollup counts them; re-importing a file changes nothing.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import BinaryIO

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from engage.extensions import db
from engage.history.checks import CHECK_BATCH, Checker, Placed, deliveries
from engage.history.csvfile import read_history_csv
from engage.history.problems import HistoryRejected, Problem, ProblemList
from engage.insights.changes import mark_stale
from engage.insights.rollup_queries import ANSWERS
from engage.models import PulseDelivery, PulseResponse
from engage.models.base import utcnow

log = logging.getLogger(__name__)

WRITE_BATCH = 1000
ANSWERED_AT = time(12)  # the old tool gave a day, not a time


@dataclass
class HistorySummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    first_day: date | None = None
    last_day: date | None = None
    questions_added: list[str] = field(default_factory=list)
    teams_created: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged answers "
            f"from {self.first_day} to {self.last_day}"
        )
        if self.questions_added:
            text += f"; {len(self.questions_added)} question(s) added as retired"
        if self.teams_created:
            text += f"; {len(self.teams_created)} team(s) created ({', '.join(self.teams_created)})"
        return text


def import_responses(
    stream: BinaryIO, today: date | None = None, batch_size: int = WRITE_BATCH
) -> HistorySummary:
    """Import a history CSV from a seekable stream, or raise HistoryRejected and write nothing."""
    checker = Checker.load(today or utcnow().date())
    _check_file(stream, checker)
    stream.seek(0)
    try:
        summary = _write_file(stream, checker, batch_size)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        message = (
            "engage wrote some of these answers while the file was imported (a pulse, or another "
            "import): import it again"
        )
        raise HistoryRejected([Problem(None, message)]) from None
    except BaseException:
        db.session.rollback()
        raise
    log.info("history imported: %s", summary)
    return summary


def _check_file(stream: BinaryIO, checker: Checker) -> None:
    problems, chunk = ProblemList(), []
    try:
        for line, values in read_history_csv(stream):
            placed, messages = (None, [values]) if isinstance(values, str) else checker.check(line, values)
            problems.add(line, messages)
            if placed is not None:
                chunk.append(placed)
            if len(chunk) >= CHECK_BATCH:
                _check_against_slack(checker, chunk, problems)
    except HistoryRejected as exc:  # the file cannot be read further
        for problem in exc.problems:
            problems.add(problem.line, [problem.message])
    _check_against_slack(checker, chunk, problems)
    if not checker.days and not problems.total:
        problems.add(2, ["the file has a header but no answers"])
    problems.raise_if_any()


def _check_against_slack(checker: Checker, chunk: list[Placed], problems: ProblemList) -> None:
    for line, message in checker.asked_in_slack(chunk):
        problems.add(line, [message])
    chunk.clear()


def _write_file(stream: BinaryIO, checker: Checker, batch_size: int) -> HistorySummary:
    summary = HistorySummary(
        first_day=min(checker.days), last_day=max(checker.days), questions_added=checker.questions.added
    )
    question_ids = checker.questions.create()
    team_ids, summary.teams_created = checker.teams.create()
    writer = _Writer(summary, utcnow())
    batch: list[dict] = []
    for line, values in read_history_csv(stream):
        placed, messages = (None, [values]) if isinstance(values, str) else checker.place(line, values)
        if placed is None:
            raise HistoryRejected([Problem(line, f"{messages[0]} (the file changed while it was imported)")])
        row = placed.row
        team_id = team_ids[placed.team_key] if placed.team_key else placed.person.team_id
        batch.append(
            {
                "line": line,
                "employee_id": placed.person.id,
                "question_id": question_ids[row.question_key],
                "pulse_date": row.day,
                "team_id": team_id,
                "score": row.score,
                "comment": row.comment,
            }
        )
        if len(batch) >= batch_size:
            writer.write(batch)
    writer.write(batch)
    mark_stale(ANSWERS, writer.stale)  # also found by the watermark; marked so a long import is never missed
    return summary


class _Writer:
    def __init__(self, summary: HistorySummary, now: datetime) -> None:
        self.summary, self.now = summary, now
        self.stale: set[tuple[date, int | None]] = set()

    def write(self, batch: list[dict]) -> None:
        keys = {(a["employee_id"], a["question_id"], a["pulse_date"]): a for a in batch}
        stored = deliveries(keys)
        sent = [keys[key] for key, (_, status) in stored.items() if status != "imported"]
        if sent:
            raise HistoryRejected(
                [
                    Problem(
                        a["line"],
                        "engage sent this question to this person that day "
                        "while the file was imported; leave this row out",
                    )
                    for a in sent
                ]
            )
        self._insert([a for key, a in keys.items() if key not in stored])
        self._update([a for key, a in keys.items() if key in stored])
        batch.clear()

    def _insert(self, answers: list[dict]) -> None:
        if not answers:
            return
        # Returning the keys, not in parameter order: that would run row by row on SQLite.
        c = PulseDelivery.__table__.c
        inserted = db.session.execute(
            PulseDelivery.__table__.insert().returning(c.id, c.employee_id, c.question_id, c.pulse_date),
            [
                {
                    "employee_id": a["employee_id"],
                    "team_id": a["team_id"],
                    "question_id": a["question_id"],
                    "pulse_date": a["pulse_date"],
                    "status": "imported",
                    "attempts": 0,
                    "next_attempt_at": self.now,
                    "created_at": self.now,
                }
                for a in answers
            ],
        )
        ids = {(e, q, d): id for id, e, q, d in inserted}
        db.session.execute(
            PulseResponse.__table__.insert(),
            [
                {
                    "delivery_id": ids[_key(a)],
                    "employee_id": a["employee_id"],
                    "team_id": a["team_id"],
                    "question_id": a["question_id"],
                    "score": a["score"],
                    "comment": a["comment"],
                    "answered_at": datetime.combine(a["pulse_date"], ANSWERED_AT),
                    "updated_at": self.now,
                }
                for a in answers
            ],
        )
        self.stale.update((a["pulse_date"], a["team_id"]) for a in answers)
        self.summary.created += len(answers)

    def _update(self, answers: list[dict]) -> None:
        """Answers imported before: those the file now gives differently are changed in place."""
        if not answers:
            return
        delivery_ids = {delivery_id for delivery_id, _ in deliveries(_key(a) for a in answers).values()}
        delivery, answer = PulseDelivery, PulseResponse
        stored = {
            (e, q, d): (delivery_id, response_id, team_id, score, comment)
            for e, q, d, delivery_id, response_id, team_id, score, comment in db.session.execute(
                sa.select(
                    delivery.employee_id,
                    delivery.question_id,
                    delivery.pulse_date,
                    delivery.id,
                    answer.id,
                    answer.team_id,
                    answer.score,
                    answer.comment,
                )
                .join(answer, answer.delivery_id == delivery.id)
                .where(delivery.id.in_(delivery_ids))
            )
        }
        changed = []
        for a in answers:
            delivery_id, response_id, team_id, score, comment = stored[_key(a)]
            if (team_id, score, comment) == (a["team_id"], a["score"], a["comment"]):
                self.summary.unchanged += 1
                continue
            changed.append(a | {"delivery_id": delivery_id, "response_id": response_id})
            self.stale.update({(a["pulse_date"], team_id), (a["pulse_date"], a["team_id"])})
        if not changed:
            return
        delivered, responses = PulseDelivery.__table__, PulseResponse.__table__
        db.session.execute(
            delivered.update()
            .where(delivered.c.id == sa.bindparam("delivery_id"))
            .values(team_id=sa.bindparam("team_id")),
            changed,
        )
        db.session.execute(
            responses.update()
            .where(responses.c.id == sa.bindparam("response_id"))
            .values(
                team_id=sa.bindparam("team_id"),
                score=sa.bindparam("score"),
                comment=sa.bindparam("comment"),
                updated_at=self.now,
            ),
            changed,
        )
        self.summary.updated += len(changed)


def _key(answer: dict) -> tuple[int, int, date]:
    return answer["employee_id"], answer["question_id"], answer["pulse_date"]
