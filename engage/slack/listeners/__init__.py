"""Listeners by kind; each module exposes register(bolt_app)."""

from slack_bolt import App

from engage.slack.listeners import (
    app_home,
    conversation_actions,
    conversation_views,
    engage_command,
    kudos_command,
    kudos_shortcut,
    kudos_views,
    plan_actions,
    praise_actions,
    pulse_actions,
    pulse_views,
    user_events,
)


def register(bolt_app: App) -> None:
    """Register every listener module's handlers."""
    app_home.register(bolt_app)
    engage_command.register(bolt_app)
    pulse_actions.register(bolt_app)
    pulse_views.register(bolt_app)
    user_events.register(bolt_app)
    kudos_command.register(bolt_app)
    kudos_shortcut.register(bolt_app)
    kudos_views.register(bolt_app)
    plan_actions.register(bolt_app)
    conversation_actions.register(bolt_app)
    conversation_views.register(bolt_app)
    praise_actions.register(bolt_app)
