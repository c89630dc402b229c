"""Listeners by kind; each module exposes register(bolt_app)."""
from slack_bolt import App

from engage.slack.listeners import kudos_command, kudos_shortcut, kudos_views


def register(bolt_app: App) -> None:
    """Register every listener module's handlers (capabilities add theirs here)."""
    kudos_command.register(bolt_app)
    kudos_shortcut.register(bolt_app)
    kudos_views.register(bolt_app)
