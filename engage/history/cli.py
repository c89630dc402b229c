"""`flask --app wsgi engage import-responses FILE`."""

import click

from engage import audit
from engage.cli import engage_cli
from engage.history.importer import import_responses
from engage.history.problems import HistoryRejected


@engage_cli.command("import-responses")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_responses_command(file: str) -> None:
    """Import pulse answers from a previous survey tool (email,date,question,driver,score[,comment,team])."""
    try:
        with open(file, "rb") as stream:
            summary = import_responses(stream)
    except HistoryRejected as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        if exc.more:
            click.echo(f"... and {exc.more} more", err=True)
        raise click.ClickException(f"{exc.total} problem(s); nothing was imported") from None
    audit.record("cli", "import.answers", "answers", str(summary))
    click.echo(f"answers imported: {summary}; the dashboard shows them after the next refresh-stats")
