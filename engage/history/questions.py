"""The question each answer is to: engage's own by its text, or a new retired one (never asked)."""

from dataclasses import dataclass, field

import sqlalchemy as sa

from engage.extensions import db
from engage.history.rows import HistoryRow, question_text
from engage.models import OPEN, Question
from engage.models.base import utcnow


@dataclass(frozen=True)
class _Known:
    id: int | None  # None: added by this file
    text: str
    driver: str
    line: int | None  # the first line giving a new question
    is_open: bool = False  # an open question takes words, not a score


@dataclass
class QuestionPlan:
    """Questions by lower-case text; index gives each a small number for the answers' keys."""

    known: dict[str, _Known] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "QuestionPlan":
        open_question = Question.scale == OPEN
        rows = db.session.execute(sa.select(Question.id, Question.text, Question.driver, open_question))
        return cls(
            {
                question_text(text).lower(): _Known(id, text, driver, None, is_open)
                for id, text, driver, is_open in rows
            }
        )

    def check(self, row: HistoryRow) -> list[str]:
        known = self.known.setdefault(row.question_key, _Known(None, row.question, row.driver, row.line))
        self.index.setdefault(row.question_key, len(self.index))
        if known.is_open:
            return [
                f"the question {known.text!r} is an open question in engage, answered in words only; "
                "it takes no score: leave this row out"
            ]
        if known.driver == row.driver:
            return []
        if known.id is not None:
            return [
                f"the question {known.text!r} is a {known.driver} question in engage, not {row.driver}; "
                "fix the driver or the text"
            ]
        return [
            f"the question is given driver {known.driver} on line {known.line} but {row.driver} here; "
            "a question has one driver"
        ]

    @property
    def added(self) -> list[str]:
        return [known.text for known in self.known.values() if known.id is None]

    def create(self) -> dict[str, int]:
        """Add the file's new questions, retired so they are never asked (no commit); every id by text."""
        new = {
            key: Question(
                text=known.text,
                driver=known.driver,
                retired_at=utcnow(),
                scale="nps10" if known.driver == "enps" else "likert5",
            )
            for key, known in self.known.items()
            if known.id is None
        }
        db.session.add_all(new.values())
        db.session.flush()
        return {key: new[key].id if known.id is None else known.id for key, known in self.known.items()}
