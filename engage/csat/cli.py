"""`flask --app wsgi engage import-ratings FILE [--source NAME]`, and import-tickets alike."""

from typing import NoReturn

import click

from engage import audit
from engage.cli import engage_cli
from engage.csat.csvfile import read_ratings_csv
from engage.csat.importer import RatingsRejected, import_ratings
from engage.csat.outcomes import import_ticket_outcomes
from engage.csat.ticket_rows import read_tickets_csv


def _report(rejected: RatingsRejected) -> NoReturn:
    for problem in rejected.problems:
        where = f"line {problem.at}" if problem.at is not None else "file"
        click.echo(f"{where}, {problem.field}: {problem.message}", err=True)
    if rejected.total > len(rejected.problems):
        click.echo(f"... and {rejected.total - len(rejected.problems)} more", err=True)
    raise click.ClickException(f"nothing imported: {rejected.total} problem(s) to fix") from None


@engage_cli.command("import-ratings")
@click.argument("file", type=click.File("rb"))
@click.option("--source", help="Source for rows with an empty source column (e.g. zendesk).")
def import_ratings_command(file, source: str | None) -> None:
    """Import CSAT/NPS ratings from a CSV file; nothing is imported if any row is wrong."""
    try:
        summary = import_ratings(read_ratings_csv(file, has_default_source=bool(source)), source)
    except RatingsRejected as exc:
        _report(exc)
    audit.record("cli", "import.ratings", source or "ratings file", str(summary.as_dict()))
    click.echo(
        "created {created}, updated {updated}, unchanged {unchanged}, skipped (unanswered) {skipped}".format(
            **summary.as_dict()
        )
    )


@engage_cli.command("import-tickets")
@click.argument("file", type=click.File("rb"))
@click.option("--source", help="Source for rows with an empty source column (e.g. zendesk).")
def import_tickets_command(file, source: str | None) -> None:
    """Import solved tickets (first-contact resolution) from a CSV file; nothing if any row is wrong."""
    try:
        summary = import_ticket_outcomes(read_tickets_csv(file, has_default_source=bool(source)), source)
    except RatingsRejected as exc:
        _report(exc)
    audit.record("cli", "import.tickets", source or "tickets file", str(summary.as_dict()))
    click.echo("created {created}, updated {updated}, unchanged {unchanged}".format(**summary.as_dict()))
