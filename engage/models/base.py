from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC: every timestamp column holds UTC without a zone."""
    return datetime.now(UTC).replace(tzinfo=None)
