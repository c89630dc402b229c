import click

from engage.cli import engage_cli
from engage.sso.policy import PolicyError, allow_passwords, require_sso


@engage_cli.command("require-sso")
@click.option("--break-glass", "break_glass", required=True, help="Email of the admin who keeps a password.")
def require_sso_command(break_glass: str) -> None:
    """Turn password sign-in off for everyone but one break-glass admin."""
    try:
        user = require_sso(break_glass)
    except PolicyError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"single sign-on required; {user.email} keeps password sign-in (break-glass)")


@engage_cli.command("allow-passwords")
def allow_passwords_command() -> None:
    """Turn password sign-in back on for everyone (when single sign-on is broken)."""
    allow_passwords()
    click.echo("password sign-in is on for everyone")
