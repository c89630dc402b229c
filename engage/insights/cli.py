"""`flask engage refresh-stats`."""
from datetime import datetime

import click

from engage.cli import engage_cli
from engage.insights import rollups


@engage_cli.command("refresh-stats")
@click.option("--full", is_flag=True, help="Rebuild every rollup instead of only what changed.")
@click.option("--since", type=click.DateTime(), help="Recompute what changed since this UTC time.")
def refresh_stats(full: bool, since: datetime | None) -> None:
    """Bring the dashboard's rollups up to date."""
    counts = rollups.refresh(since=since, full=full)
    click.echo("rollups refreshed: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
