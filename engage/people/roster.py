"""Import the people roster: validate the whole file first, then update people and teams in place."""

import logging
from dataclasses import dataclass, field

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee, Team
from engage.people import roster_checks
from engage.people.records import set_active
from engage.people.roster_file import RosterError, RosterIssue, RosterRow, decode, read_rows

log = logging.getLogger(__name__)

__all__ = ["RosterError", "RosterIssue", "RosterSummary", "import_roster"]


@dataclass
class RosterSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    reactivated: int = 0
    deactivated: int = 0
    teams_created: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        teams = f" ({', '.join(self.teams_created)})" if self.teams_created else ""
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.reactivated} reactivated, {self.deactivated} deactivated, "
            f"{len(self.teams_created)} teams created{teams}"
        )


def import_roster(data: bytes) -> RosterSummary:
    """Apply a roster CSV, or raise RosterError listing every problem and change nothing."""
    rows, issues = read_rows(decode(data))
    employees = list(db.session.scalars(sa.select(Employee).where(Employee.erased_at.is_(None))))
    teams = list(db.session.scalars(sa.select(Team)))
    issues += roster_checks.duplicates(rows)
    issues += roster_checks.slack_ids_taken(rows, employees)
    issues += roster_checks.managers(rows, employees)
    issues += roster_checks.team_nesting(rows, teams)
    if issues:
        raise RosterError(issues)
    try:
        summary = _apply(rows, employees, teams)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    log.info("roster imported: %s", summary)
    return summary


def _apply(rows: list[RosterRow], employees: list[Employee], teams: list[Team]) -> RosterSummary:
    summary = RosterSummary()
    team_by_key = _ensure_teams(rows, teams, summary)
    by_email = {e.email.lower(): e for e in employees}
    _release_moving_slack_ids(rows, by_email)
    before = {email: _snapshot(e) for email, e in by_email.items()}
    for row in rows:
        person = by_email.get(row.email)
        if person is None:
            person = Employee(email=row.email, name=row.name)
            db.session.add(person)
            by_email[row.email] = person
            summary.created += 1
        elif not person.active:
            summary.reactivated += 1
        person.email = row.email
        person.name = row.name
        person.team = team_by_key[row.team.lower()]
        set_active(person, True)
        if row.slack_user_id:
            person.slack_user_id = row.slack_user_id
        if row.timezone:
            person.timezone = row.timezone
    for row in rows:
        by_email[row.email].manager = by_email[row.manager_email] if row.manager_email else None
    listed = {row.email for row in rows}
    for email, person in by_email.items():
        if email not in listed and person.active:
            set_active(person, False)
            summary.deactivated += 1
    for row in rows:
        if row.email in before and before[row.email][0]:
            if _snapshot(by_email[row.email]) == before[row.email]:
                summary.unchanged += 1
            else:
                summary.updated += 1
    return summary


def _snapshot(person: Employee) -> tuple:
    return (
        person.active,
        person.email,
        person.name,
        person.team,
        person.manager,
        person.slack_user_id,
        person.timezone,
    )


def _ensure_teams(rows: list[RosterRow], teams: list[Team], summary: RosterSummary) -> dict[str, Team]:
    team_by_key = {t.name.lower(): t for t in teams}
    for row in rows:
        parent = None
        for name in row.team_path:
            team = team_by_key.get(name.lower())
            if team is None:
                team = Team(name=name)
                db.session.add(team)
                team_by_key[name.lower()] = team
                summary.teams_created.append(name)
            if parent is not None:
                team.parent = parent
            parent = team
    return team_by_key


def _release_moving_slack_ids(rows: list[RosterRow], by_email: dict[str, Employee]) -> None:
    """Clear Slack ids that change hands first, so a swap never trips the unique constraint."""
    released = False
    for row in rows:
        person = by_email.get(row.email)
        if person and row.slack_user_id and person.slack_user_id not in (None, row.slack_user_id):
            person.slack_user_id = None
            released = True
    if released:
        db.session.flush()
