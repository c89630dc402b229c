"""Incremental rollups (team_period_stat) that the dashboard reads instead of raw rows."""
from datetime import datetime


def refresh(since: datetime | None = None, full: bool = False) -> dict[str, int]:
    """Recompute the (team, period) rollups touched since `since` (default: the stored watermark).

    full=True (or no watermark yet, or a changed team tree) rebuilds everything. Returns counts.
    """
    raise NotImplementedError
