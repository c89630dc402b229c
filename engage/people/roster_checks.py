"""Checks across the whole roster and against the people already stored."""

from collections.abc import Iterable

from engage.models import Employee, Team
from engage.people.roster_file import RosterIssue, RosterRow


def duplicates(rows: list[RosterRow]) -> list[RosterIssue]:
    issues = []
    first_email: dict[str, int] = {}
    first_slack: dict[str, int] = {}
    for row in rows:
        if row.email in first_email:
            issues.append(
                RosterIssue(
                    row.line,
                    f"{row.email} is already on line {first_email[row.email]}; keep one row per person",
                )
            )
        first_email.setdefault(row.email, row.line)
        if row.slack_user_id:
            if row.slack_user_id in first_slack:
                issues.append(
                    RosterIssue(
                        row.line,
                        f"slack_user_id {row.slack_user_id} is also on line "
                        f"{first_slack[row.slack_user_id]}; each person has their own Slack id",
                    )
                )
            first_slack.setdefault(row.slack_user_id, row.line)
    return issues


def slack_ids_taken(rows: list[RosterRow], existing: Iterable[Employee]) -> list[RosterIssue]:
    """A Slack id may move to a row's person only if whoever holds it now gets another one here."""
    row_by_email = {row.email: row for row in rows}
    holder = {e.slack_user_id: e for e in existing if e.slack_user_id}
    issues = []
    for row in rows:
        owner = holder.get(row.slack_user_id) if row.slack_user_id else None
        if owner is None or owner.email.lower() == row.email:
            continue
        owner_row = row_by_email.get(owner.email.lower())
        if owner_row is None:
            issues.append(
                RosterIssue(
                    row.line,
                    f"slack_user_id {row.slack_user_id} belongs to {owner.email}, "
                    "who is not in this file; check the id",
                )
            )
        elif not owner_row.slack_user_id:
            issues.append(
                RosterIssue(
                    row.line,
                    f"slack_user_id {row.slack_user_id} belongs to {owner.email} "
                    f"(line {owner_row.line}); give them their new id or fix this one",
                )
            )
    return issues


def managers(rows: list[RosterRow], existing: list[Employee]) -> list[RosterIssue]:
    """Every manager must exist, and nobody may end up managing themselves through others."""
    email_of: dict[int | None, str] = {e.id: e.email.lower() for e in existing}
    manager_of: dict[str, str | None] = {e.email.lower(): email_of.get(e.manager_id) for e in existing}
    known = set(manager_of)
    issues = []
    for row in rows:
        manager_of[row.email] = row.manager_email
        if row.manager_email and row.manager_email not in known | {r.email for r in rows}:
            issues.append(
                RosterIssue(
                    row.line,
                    f"manager_email {row.manager_email} is nobody in this file or in engage; "
                    "add a row for them or fix the address",
                )
            )
    line_of = {row.email: row.line for row in rows}
    reported: set[frozenset[str]] = set()
    for row in rows:
        chain, current = [row.email], row.manager_email
        while current is not None and current not in chain:
            chain.append(current)
            current = manager_of.get(current)
        if current is None:
            continue
        cycle = chain[chain.index(current) :]
        if frozenset(cycle) not in reported and current == row.email:
            reported.add(frozenset(cycle))
            lines = sorted(line_of[e] for e in cycle if e in line_of)
            loop = " -> ".join(cycle + [row.email])
            issues.append(
                RosterIssue(
                    lines[0],
                    f"managers form a loop: {loop} (lines {', '.join(map(str, lines))}); "
                    "someone in it needs another manager",
                )
            )
    return issues


def team_nesting(rows: list[RosterRow], existing: list[Team]) -> list[RosterIssue]:
    """A team has one parent, and no team may end up inside itself."""
    name_of: dict[int | None, str] = {t.id: t.name.lower() for t in existing}
    parent_of = {t.name.lower(): name_of.get(t.parent_id) for t in existing}
    stated: dict[str, tuple[str, int]] = {}
    issues = []
    for row in rows:
        for parent, child in zip(row.team_path, row.team_path[1:], strict=False):
            key = child.lower()
            if key in stated and stated[key][0] != parent.lower():
                issues.append(
                    RosterIssue(
                        row.line,
                        f"team {child!r} is under {stated[key][0]!r} on line "
                        f"{stated[key][1]} but under {parent!r} here; "
                        "a team has one parent",
                    )
                )
            stated.setdefault(key, (parent.lower(), row.line))
    parent_of.update({child: parent for child, (parent, _) in stated.items()})
    reported: set[frozenset[str]] = set()
    for child, (_, line) in stated.items():
        seen, current = [child], parent_of.get(child)
        while current is not None and current not in seen:
            seen.append(current)
            current = parent_of.get(current)
        if current == child and frozenset(seen) not in reported:
            reported.add(frozenset(seen))
            issues.append(
                RosterIssue(
                    line,
                    "teams would be inside themselves: "
                    + " / ".join(reversed(seen + [child]))
                    + "; give each team one place in the tree",
                )
            )
    return issues
