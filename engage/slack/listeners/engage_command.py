"""`/engage pause|resume|help|stats`: the reply is ephemeral (the slash command's own response)."""

from slack_bolt import App

from engage.models.base import utcnow
from engage.pulses.commands import engage_reply


def on_engage(ack, command: dict) -> None:
    ack(text=engage_reply(command["user_id"], command.get("text", ""), utcnow()), response_type="ephemeral")


def register(bolt_app: App) -> None:
    bolt_app.command("/engage")(on_engage)
