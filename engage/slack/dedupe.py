"""Remember handled Slack events and actions so retries change nothing."""
from engage.models import ProcessedSlackEvent
from engage.upsert import insert_if_new


def first_time(key: str) -> bool:
    """Record `key` in the current transaction; False when it was already handled."""
    return insert_if_new(ProcessedSlackEvent, {"key": key[:200]}, ["key"])
