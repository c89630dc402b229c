"""`flask --app wsgi engage sources add|list|pull`: the Sources page, from the command line."""

from datetime import datetime

import click
from flask.cli import AppGroup

from engage import audit
from engage.cli import engage_cli
from engage.models.base import utcnow
from engage.sources.connectors import CONNECTORS
from engage.sources.pulling import pull
from engage.sources.service import (
    NewSource,
    SourceRejected,
    add_source,
    find_source,
    list_sources,
    tickets_per_source,
)
from engage.sources.status import describe

sources_cli = AppGroup("sources", help="Help desks engage pulls customer ratings from.")
engage_cli.add_command(sources_cli)


@sources_cli.command("add")
@click.argument("kind", type=click.Choice(list(CONNECTORS)))
@click.argument("name")
@click.option("--url", required=True, help="The help desk's API base, e.g. https://acme.zendesk.com.")
@click.option("--token", required=True, help="Its API token (or API key / access token).")
@click.option("--email", help="Zendesk: the email of the agent the token belongs to.")
@click.option("--account-id", help="Chatwoot: the account id.")
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), help="First import from this day (default today)."
)
def add_command(
    kind: str,
    name: str,
    url: str,
    token: str,
    email: str | None,
    account_id: str | None,
    since: datetime | None,
) -> None:
    """Check the credentials and add a source; its first pull imports from --since."""
    try:
        source = add_source(NewSource(kind, name, url, token, email, account_id, since), utcnow())
    except SourceRejected as exc:
        raise click.ClickException(f"source not added: {exc}") from None
    audit.record("cli", "source.add", f"source {source.id}", source.kind)
    click.echo(
        f"added {source.name} ({source.kind}); the first pull imports ratings from "
        f"{source.since:%Y-%m-%d}: run `flask --app wsgi engage sources pull {source.name}` or let "
        "the scheduler do it"
    )


@sources_cli.command("list")
def list_command() -> None:
    """Each source with its last pull."""
    sources = list_sources()
    if not sources:
        click.echo("no sources yet: add one with `flask --app wsgi engage sources add`")
    tickets = tickets_per_source()
    for source in sources:
        click.echo(describe(source, utcnow(), tickets.get(source.name, 0)))


@sources_cli.command("pull")
@click.argument("name", required=False)
def pull_command(name: str | None) -> None:
    """Pull new and changed ratings now, from one source or all that are not paused."""
    if name:
        source = find_source(name)
        if source is None:
            raise click.ClickException(f"no source named {name}: see `flask --app wsgi engage sources list`")
        sources = [source]
    else:
        sources = [s for s in list_sources() if not s.paused]
    failed = False
    for source in sources:
        report = pull(source)
        click.echo(report.describe())
        failed = failed or report.error is not None
    if failed:
        raise click.ClickException("some pulls failed: see above")
