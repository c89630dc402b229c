import click
import sqlalchemy as sa

from engage.cli import engage_cli
from engage.extensions import db
from engage.models import ScimToken
from engage.scim.tokens import create_scim_token, revoke_scim_token


@engage_cli.command("create-scim-token")
@click.option("--name", required=True, help="Which identity provider uses it, like Okta or Entra ID.")
def create_scim_token_command(name: str) -> None:
    """Print a new SCIM provisioning token on the last line (it is shown only once)."""
    try:
        token = create_scim_token(name)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("SCIM token for /scim/v2 (store it in the identity provider now; it is not shown again):")
    click.echo(token)


@engage_cli.command("revoke-scim-token")
@click.option("--name", required=True, help="The name the token was created with.")
def revoke_scim_token_command(name: str) -> None:
    """Revoke every live SCIM token with this name."""
    tokens = list(
        db.session.scalars(sa.select(ScimToken).where(ScimToken.name == name, ScimToken.revoked_at.is_(None)))
    )
    if not tokens:
        raise click.ClickException(f"no live SCIM token is named {name!r}")
    for token in tokens:
        revoke_scim_token(token)
    click.echo(f"revoked {len(tokens)} SCIM token(s) named {name!r}")
