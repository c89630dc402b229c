"""Read a roster CSV into rows, reporting every problem a row-by-row check can find."""

import csv
import io
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from email_validator import EmailNotValidError, validate_email

from engage.validation.problems import MAX_LISTED_PROBLEMS
from engage.validation.text import control_character_problem

REQUIRED_COLUMNS = ("email", "name", "team", "manager_email")
OPTIONAL_COLUMNS = ("slack_user_id", "timezone")
TEAM_SEPARATOR = " / "
SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,31}$")
MAX_LENGTHS = {"email": 254, "name": 200, "team": 120, "timezone": 64}


@dataclass(frozen=True)
class RosterIssue:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class RosterRow:
    line: int
    email: str
    name: str
    team_path: tuple[str, ...]
    manager_email: str | None
    slack_user_id: str | None
    timezone: str | None

    @property
    def team(self) -> str:
        return self.team_path[-1]


class RosterError(ValueError):
    """The roster was refused; nothing was changed. `issues` holds the first problems, `total` counts all."""

    def __init__(self, issues: list[RosterIssue]) -> None:
        super().__init__(f"{len(issues)} problem(s) in the roster")
        self.issues = sorted(issues, key=lambda issue: issue.line)[:MAX_LISTED_PROBLEMS]
        self.total = len(issues)

    @property
    def unlisted(self) -> int:
        return self.total - len(self.issues)


def decode(data: bytes) -> str:
    if not data.strip():
        header = ",".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
        raise RosterError([RosterIssue(1, f"the file is empty; it needs the header {header}")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = "the file is not UTF-8 text; save it as 'CSV UTF-8' and upload again"
        raise RosterError([RosterIssue(line, message)]) from exc


def normal_email(raw: str) -> str:
    return validate_email(raw, check_deliverability=False).normalized.lower()


def _check_header(header: list[str]) -> list[RosterIssue]:
    issues = []
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    repeated = sorted({c for c in header if header.count(c) > 1})
    expected = ",".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
    if missing:
        issues.append(RosterIssue(1, f"the header lacks column(s) {', '.join(missing)}; expected {expected}"))
    if unknown:
        issues.append(RosterIssue(1, f"unknown column(s) {', '.join(unknown)}; expected {expected}"))
    if repeated:
        issues.append(RosterIssue(1, f"column(s) {', '.join(repeated)} appear more than once"))
    return issues


def parse_team_path(raw: str) -> tuple[str, ...] | str:
    parts = tuple(part.strip() for part in raw.split(TEAM_SEPARATOR.strip()))
    if not raw:
        return "the team is empty; give the person's team"
    if any(not part for part in parts):
        return f"team {raw!r} has an empty part; nest teams as 'Parent / Child'"
    for part in parts:
        problem = control_character_problem(part, f"team name {part!r}")
        if problem:
            return problem
    too_long = [part for part in parts if len(part) > MAX_LENGTHS["team"]]
    if too_long:
        return f"team name {too_long[0][:40]!r}... is longer than {MAX_LENGTHS['team']} characters"
    return parts


def name_problem(name: str) -> str | None:
    if not name:
        return "the name is empty"
    if len(name) > MAX_LENGTHS["name"]:
        return f"the name is longer than {MAX_LENGTHS['name']} characters"
    return control_character_problem(name, f"the name {name!r}")


def valid_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _parse_row(line: int, values: dict[str, str]) -> tuple[RosterRow | None, list[RosterIssue]]:
    issues: list[str] = []
    email = values["email"]
    try:
        email = normal_email(email) if email else ""
        if not email:
            issues.append("the email is empty")
    except EmailNotValidError as exc:
        issues.append(f"email {values['email']!r} is not valid ({exc})")
    name = values["name"]
    if problem := name_problem(name):
        issues.append(problem)
    team_path = parse_team_path(values["team"])
    if isinstance(team_path, str):
        issues.append(team_path)
    manager_email = values["manager_email"] or None
    if manager_email:
        try:
            manager_email = normal_email(manager_email)
        except EmailNotValidError:
            issues.append(
                f"manager_email {values['manager_email']!r} is not a valid email; leave it empty for none"
            )
    if manager_email and manager_email == email:
        issues.append(f"{email} cannot be their own manager; leave manager_email empty or name their manager")
    slack_user_id = values.get("slack_user_id") or None
    if slack_user_id and not SLACK_ID.match(slack_user_id):
        issues.append(
            f"slack_user_id {slack_user_id!r} is not a Slack member id (like U012AB3CD); "
            "copy it from the person's Slack profile or leave it empty"
        )
    timezone = values.get("timezone") or None
    if timezone and not valid_timezone(timezone):
        issues.append(
            f"timezone {timezone!r} is not an IANA time zone (like Europe/Berlin or America/New_York)"
        )
    if issues or isinstance(team_path, str):
        return None, [RosterIssue(line, message) for message in issues]
    return RosterRow(line, email, name, team_path, manager_email, slack_user_id, timezone), []


def read_rows(text: str) -> tuple[list[RosterRow], list[RosterIssue]]:
    """Parse the CSV text; return the well-formed rows and the problems found in the others."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        return [], [RosterIssue(1, "the file is empty")]
    except csv.Error as exc:
        return [], [RosterIssue(1, f"the header cannot be read as CSV ({exc})")]
    issues = _check_header(header)
    if issues:
        return [], issues
    rows: list[RosterRow] = []
    line = reader.line_num + 1
    try:
        for record in reader:
            values = [value.strip() for value in record]
            if any(values):
                if len(values) != len(header):
                    issues.append(
                        RosterIssue(
                            line,
                            f"has {len(values)} fields but the header has {len(header)}; "
                            "check for a missing or extra comma",
                        )
                    )
                else:
                    row, row_issues = _parse_row(line, dict(zip(header, values, strict=True)))
                    issues.extend(row_issues)
                    if row:
                        rows.append(row)
            line = reader.line_num + 1
    except csv.Error as exc:
        issues.append(RosterIssue(line, f"cannot be read as CSV ({exc}); check the quotes on this line"))
    if not rows and not issues:
        issues.append(RosterIssue(2, "the roster has a header but nobody in it"))
    return rows, issues
