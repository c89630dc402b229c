"""`flask engage refresh-stats`."""

from datetime import datetime

import click

from engage.cli import engage_cli
from engage.insights import rollups
from engage.validation.dates import DateInputError, in_supported_range


def _supported(ctx, param, value: datetime | None) -> datetime | None:
    if value is not None:
        try:
            in_supported_range(value.date(), "--since")
        except DateInputError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


@engage_cli.command("refresh-stats")
@click.option("--full", is_flag=True, help="Rebuild every rollup instead of only what changed.")
@click.option(
    "--since", type=click.DateTime(), callback=_supported, help="Recompute what changed since this UTC time."
)
def refresh_stats(full: bool, since: datetime | None) -> None:
    """Bring the dashboard's rollups up to date."""
    counts = rollups.refresh(since=since, full=full)
    click.echo("rollups refreshed: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
