"""The `flask engage ...` command group; each capability adds its commands to it."""

import click
from flask.cli import AppGroup

from engage import audit
from engage.auth.tokens import create_token
from engage.auth.users import UserError, change_password, create_user, find_user_by_email

engage_cli = AppGroup("engage", help="engage administration commands.")


@engage_cli.command("create-admin")
@click.option("--email", prompt=True)
@click.password_option()
def create_admin(email: str, password: str) -> None:
    """Create an admin web account."""
    try:
        user = create_user(email, password, "admin")
    except UserError as exc:
        raise click.ClickException(str(exc)) from exc
    audit.record("cli", "user.create", f"user {user.id}", "role admin")
    click.echo(f"created admin {user.email}")


@engage_cli.command("set-password")
@click.option("--email", prompt=True)
@click.password_option()
def set_password(email: str, password: str) -> None:
    """Give a web account a new password; this signs out all its sessions."""
    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"no user with email {email}")
    try:
        change_password(user, password)
    except UserError as exc:
        raise click.ClickException(str(exc)) from exc
    audit.record("cli", "user.password", f"user {user.id}")
    click.echo(f"new password set for {user.email}; its sessions are signed out")


@engage_cli.command("create-token")
@click.option("--role", type=click.Choice(["admin", "hr", "manager"]), required=True)
@click.option("--name", default="api", show_default=True, help="What the token is for.")
@click.option("--user", "user_email", help="The manager user a manager token acts as.")
def create_token_command(role: str, name: str, user_email: str | None) -> None:
    """Print a new API token on the last line (it is shown only once)."""
    user = find_user_by_email(user_email) if user_email else None
    if user_email and user is None:
        raise click.ClickException(f"no user with email {user_email}")
    try:
        token = create_token(role, name, user)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    audit.record("cli", "token.create", "API token", f"role {role}, name {name}")
    click.echo(f"API token for role {role} (store it now; it is not shown again):")
    click.echo(token)
