"""`flask --app wsgi engage import-ratings FILE [--source NAME]`."""
import click

from engage.cli import engage_cli
from engage.csat.csvfile import read_ratings_csv
from engage.csat.importer import RatingsRejected, import_ratings


@engage_cli.command("import-ratings")
@click.argument("file", type=click.File("rb"))
@click.option("--source", help="Source for rows with an empty source column (e.g. zendesk).")
def import_ratings_command(file, source: str | None) -> None:
    """Import CSAT/NPS ratings from a CSV file; nothing is imported if any row is wrong."""
    try:
        summary = import_ratings(read_ratings_csv(file, has_default_source=bool(source)), source)
    except RatingsRejected as exc:
        for problem in exc.problems:
            where = f"line {problem.at}" if problem.at is not None else "file"
            click.echo(f"{where}, {problem.field}: {problem.message}", err=True)
        if exc.total > len(exc.problems):
            click.echo(f"... and {exc.total - len(exc.problems)} more", err=True)
        raise click.ClickException(f"nothing imported: {exc.total} problem(s) to fix") from None
    click.echo("created {created}, updated {updated}, unchanged {unchanged}, "
               "skipped (unanswered) {skipped}".format(**summary.as_dict()))
