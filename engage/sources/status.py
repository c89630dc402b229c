"""A source's state in words, for the Sources page, the CLI and the setup checklist."""

from datetime import datetime

from engage.models import RatingSource


def when(moment: datetime, now: datetime) -> str:
    from engage.setup.items import when  # engage.setup's package imports the web app, which imports us

    return when(moment, now)


def failing(source: RatingSource) -> bool:
    return source.last_error_at is not None and (
        source.last_success_at is None or source.last_error_at > source.last_success_at
    )


def last_pull(source: RatingSource, now: datetime) -> str:
    if source.last_success_at is None:
        return "never pulled successfully"
    return (
        f"last pull {when(source.last_success_at, now)}: {source.pulled} pulled, {source.created} new, "
        f"{source.updated} updated"
    )


def describe(source: RatingSource, now: datetime, tickets: int = 0) -> str:
    """The source in one line; `tickets`: its solved tickets stored, named when there are any."""
    parts = [f"{source.name} ({source.kind}, {source.base_url})", last_pull(source, now)]
    if tickets:
        parts.append(f"{tickets} solved tickets stored for first-contact resolution")
    if source.paused:
        parts.append("paused")
    if failing(source) and source.last_error_at is not None:
        parts.append(f"last error {when(source.last_error_at, now)}: {source.last_error}")
    if source.unmapped:
        parts.append(f"{source.unmapped} ratings or tickets without a team: {source.unmapped_note}")
    return "; ".join(parts)
