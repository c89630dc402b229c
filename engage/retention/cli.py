import json

import click

from engage import audit
from engage.cli import engage_cli
from engage.models.base import utcnow
from engage.retention.erasure import ErasureError, UnknownPerson, erase_person, find_person
from engage.retention.export import person_data
from engage.retention.policy import apply_retention


@engage_cli.command("erase-person")
@click.argument("email")
@click.confirmation_option(prompt="Erase this person's name, email, Slack id, account and comments for good?")
def erase_person_command(email: str) -> None:
    """Erase a person: their answers and kudos stay, anonymous; their personal data and comments go."""
    try:
        erasure = erase_person(find_person(email), "cli")
    except (UnknownPerson, ErasureError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(str(erasure))


@engage_cli.command("export-person")
@click.argument("email")
@click.option("--output", "-o", type=click.File("w"), default="-", help="File to write (default: stdout).")
def export_person_command(email: str, output) -> None:
    """Write everything engage holds about a person as JSON."""
    try:
        person = find_person(email)
    except UnknownPerson as exc:
        raise click.ClickException(str(exc)) from exc
    data = person_data(person)
    audit.record("cli", "person.export", f"employee {person.id}")
    json.dump(data, output, indent=2, ensure_ascii=False)
    output.write("\n")


@engage_cli.command("apply-retention")
def apply_retention_command() -> None:
    """Apply the retention settings now (the scheduler does it daily)."""
    report = apply_retention(utcnow())
    click.echo(f"{report.comments_deleted} comment(s) deleted, {report.people_erased} person(s) erased")
