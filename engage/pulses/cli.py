"""`flask engage sync-users | scheduler | send-pulses | slack-socket`."""

import logging
import signal

import click
from flask import current_app

from engage.cli import engage_cli
from engage.extensions import db
from engage.people.slack_sync import sync_slack_users
from engage.pulses.jobs import build_scheduler, run_pulse_cycle
from engage.slack.bolt_app import is_configured, web_client

log = logging.getLogger(__name__)


def _require_slack() -> None:
    if not is_configured(current_app):
        raise click.ClickException(
            "Slack is not connected: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET "
            "(see 'Install the Slack app' in README.md)."
        )


@engage_cli.command("sync-users")
def sync_users_command() -> None:
    """Link Slack users to employees by email and store their time zones."""
    _require_slack()
    outcomes = sync_slack_users(web_client(current_app))
    click.echo(
        f"linked or updated {outcomes['linked']}, unchanged {outcomes['unchanged']}, "
        f"no employee with that email {outcomes['unmatched']}, skipped {outcomes['bot']} bots "
        f"and {outcomes['deactivated']} deactivated users"
    )


@engage_cli.command("send-pulses")
def send_pulses_command() -> None:
    """Schedule and send whatever pulses are due now."""
    _require_slack()
    report = run_pulse_cycle(current_app)
    sending = report.sending
    click.echo(
        f"scheduled {report.scheduled}, sent {sending.sent}, retrying {sending.retrying}, "
        f"failed {sending.failed}, skipped {sending.skipped}, reminders {report.reminded}"
    )


@engage_cli.command("scheduler")
def scheduler_command() -> None:
    """Run the pulse scheduler in the foreground (one leader per PostgreSQL database)."""
    _require_slack()
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # Flask types the proxy as the app
    scheduler, lock = build_scheduler(app)

    def stop(signum: int, frame) -> None:
        log.info("scheduler stopping on signal %s; running jobs finish first", signum)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    click.echo("pulse scheduler running; Ctrl-C or SIGTERM to stop")
    try:
        scheduler.start()
    finally:
        lock.release()
        db.engine.dispose()


@engage_cli.command("slack-socket")
def slack_socket_command() -> None:
    """Serve Slack over Socket Mode (no public URL needed); needs SLACK_APP_TOKEN."""
    _require_slack()
    app_token = current_app.config["SLACK_APP_TOKEN"]
    if not app_token:
        raise click.ClickException("Socket Mode needs SLACK_APP_TOKEN (an xapp-... app-level token).")
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    try:
        SocketModeHandler(current_app.extensions["engage.bolt_app"], app_token).start()
    finally:
        current_app.extensions["engage.slack_background"].finish(timeout=25)
