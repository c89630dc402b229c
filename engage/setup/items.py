from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Status = Literal["ok", "warning", "missing"]
OK: Status = "ok"
WARNING: Status = "warning"
MISSING: Status = "missing"


@dataclass(frozen=True)
class Page:
    label: str
    endpoint: str


@dataclass(frozen=True)
class Item:
    """One line of the checklist: what was found and, unless it is ok, how to fix it."""

    key: str
    title: str
    status: Status
    found: tuple[str, ...]
    fix: str = ""
    command: str = ""
    page: Page | None = None


def when(moment: datetime, now: datetime) -> str:
    minutes = int((now - moment).total_seconds() // 60)
    ago = "just now" if minutes < 1 else f"{minutes} min ago" if minutes < 120 else f"{minutes // 60} h ago"
    return f"{moment:%Y-%m-%d %H:%M} UTC ({ago})"
