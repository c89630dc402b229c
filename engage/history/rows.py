"""One line of a history file, checked field by field before anything is looked up."""

from dataclasses import dataclass
from datetime import date

from engage.models import DRIVERS
from engage.people.roster_file import TEAM_SEPARATOR
from engage.slack.blocks.pulses import COMMENT_MAX
from engage.validation.dates import DateInputError, day_not_in_future, parse_date
from engage.validation.text import clean_comment, control_character_problem

REQUIRED_COLUMNS = ("email", "date", "question", "driver", "score")
OPTIONAL_COLUMNS = ("comment", "team")
QUESTION_MAX = 300
TEAM_MAX = 120


@dataclass(frozen=True)
class HistoryRow:
    line: int
    email: str
    day: date
    question: str  # whitespace collapsed; matched to engage's questions without regard to case
    driver: str
    score: int
    comment: str | None
    team_path: tuple[str, ...] | None  # None: the person's team now

    @property
    def question_key(self) -> str:
        return self.question.lower()


def question_text(raw: str) -> str:
    return " ".join(raw.split())


def _score(raw: str, driver: str) -> int | str:
    low, high = (0, 10) if driver == "enps" else (1, 5)
    try:
        score = int(raw)
    except ValueError:
        return f"score {raw!r} is not a whole number; give {low}-{high}"
    if not low <= score <= high:
        kind = "eNPS answers" if driver == "enps" else "answers to this driver"
        return f"score {score} is out of range: {kind} run from {low} to {high}"
    return score


def _team_path(raw: str) -> tuple[str, ...] | str:
    parts = tuple(part.strip() for part in raw.split(TEAM_SEPARATOR.strip()))
    if any(not part for part in parts):
        return f"team {raw!r} has an empty part; nest teams as 'Parent / Child'"
    if any(len(part) > TEAM_MAX for part in parts):
        return f"a team name in {raw[:40]!r}... is longer than {TEAM_MAX} characters"
    if len({part.lower() for part in parts}) < len(parts):
        return f"team {raw!r} names a team twice; a team cannot be inside itself"
    return parts


def parse_row(line: int, values: dict[str, str], today: date) -> tuple[HistoryRow | None, list[str]]:
    """The row, or every problem found in it."""
    problems: list[str] = []
    email = values["email"].lower()
    if not email:
        problems.append("the email is empty")
    day = None
    try:
        day = day_not_in_future(parse_date(values["date"], "date"), today, "date")
    except DateInputError as exc:
        problems.append(str(exc))
    question = question_text(values["question"])
    if not question:
        problems.append("the question is empty; give the question's text as it was asked")
    elif len(question) > QUESTION_MAX:
        problems.append(f"the question is longer than {QUESTION_MAX} characters")
    driver = values["driver"].lower()
    score: int | str = "the score is empty"
    if driver not in DRIVERS:
        problems.append(f"driver {values['driver']!r} is not one of engage's: {', '.join(DRIVERS)}")
    elif values["score"]:
        score = _score(values["score"], driver)
    if isinstance(score, str):
        problems.append(score)
    comment = clean_comment(values.get("comment") or "") or None
    if comment and len(comment) > COMMENT_MAX:
        problems.append(f"the comment is longer than {COMMENT_MAX} characters")
    team_path = _team_path(values["team"]) if values.get("team") else None
    if isinstance(team_path, str):
        problems.append(team_path)
    for name in ("question", "team"):
        if problem := control_character_problem(values.get(name) or "", f"the {name}"):
            problems.append(problem)
    if problems or day is None or isinstance(score, str) or isinstance(team_path, str):
        return None, problems
    return HistoryRow(line, email, day, question, driver, score, comment, team_path), []
