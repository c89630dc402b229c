"""A refused history file: its problems, each with its line, the first MAX_LISTED of them kept."""

from dataclasses import dataclass

MAX_LISTED = 100


@dataclass(frozen=True)
class Problem:
    line: int | None  # None: the file as a whole
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


class HistoryRejected(ValueError):
    """The file was refused; nothing was written."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = sorted(problems[:MAX_LISTED], key=lambda p: p.line or 0)
        self.total = total or len(problems)
        super().__init__(f"{self.total} problem(s) in the history file")

    @property
    def more(self) -> int:
        return self.total - len(self.problems)


class ProblemList:
    """Collects problems, keeping the first MAX_LISTED and counting the rest."""

    def __init__(self) -> None:
        self.kept: list[Problem] = []
        self.total = 0

    def add(self, line: int | None, messages: list[str]) -> None:
        self.total += len(messages)
        room = max(MAX_LISTED - len(self.kept), 0)
        self.kept.extend(Problem(line, message) for message in messages[:room])

    def raise_if_any(self) -> None:
        if self.total:
            raise HistoryRejected(self.kept, self.total)
