import time

import click

from engage.cli import engage_cli
from engage.demo.company import DEMO_PASSWORD, has_data
from engage.demo.seed import DEFAULT_SEED, seed_demo


@engage_cli.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when the database has people.")
@click.option("--seed", default=DEFAULT_SEED, show_default=True, help="Random seed: one seed, one company.")
def seed_demo_command(if_empty: bool, seed: int) -> None:
    """Fill an empty database with a demo company and demo sign-ins."""
    if has_data():
        if if_empty:
            click.echo("the database already has people; demo data not added")
            return
        raise click.ClickException("the database already has people; seed-demo only fills an empty database")
    started = time.monotonic()
    summary = seed_demo(seed)
    click.echo(
        f"demo company: {summary.teams} teams, {summary.people} people, "
        f"{summary.answers} pulse answers, {summary.kudos} kudos, {summary.ratings} customer ratings "
        f"({time.monotonic() - started:.1f}s)"
    )
    click.echo(f"sign in as admin@demo.example, hr@demo.example or manager@demo.example / {DEMO_PASSWORD}")
