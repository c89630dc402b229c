"""Listeners by kind; each module exposes register(bolt_app)."""
from slack_bolt import App


def register(bolt_app: App) -> None:
    """Register every listener module's handlers (none yet: capabilities add theirs here)."""
