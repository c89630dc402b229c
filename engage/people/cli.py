import click

from engage import audit
from engage.cli import engage_cli
from engage.people.roster import RosterError, import_roster


@engage_cli.command("import-roster")
@click.argument("file", type=click.File("rb"))
def import_roster_command(file) -> None:
    """Import the people roster CSV (email,name,team,manager_email[,slack_user_id,timezone])."""
    try:
        summary = import_roster(file.read())
    except RosterError as exc:
        for issue in exc.issues:
            click.echo(str(issue), err=True)
        if exc.unlisted:
            click.echo(f"... and {exc.unlisted} more", err=True)
        raise click.ClickException(f"{exc.total} problem(s); nothing was changed") from exc
    audit.record("cli", "import.roster", "roster", str(summary))
    click.echo(f"roster imported: {summary}")
