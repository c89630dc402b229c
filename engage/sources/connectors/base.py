"""What every connector provides: a credentials check, the help desk's groups, pages of ratings."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from engage.sources.http import SourceError


class GroupNames:
    """A help desk's group names by id: read when first needed, and again when an id is new."""

    def __init__(self, read: Callable[[], Iterator[dict]]) -> None:
        self._read = read
        self._names: dict[int, str] | None = None

    def all(self) -> list[str]:
        self._names = {group["id"]: group["name"] for group in self._read()}
        return sorted(self._names.values(), key=str.casefold)

    def name(self, group_id: int | None) -> str | None:
        if group_id is None:
            return None
        if self._names is None or group_id not in self._names:
            self.all()
        return (self._names or {}).get(group_id) or str(group_id)


@dataclass(frozen=True)
class Credentials:
    base_url: str
    token: str
    email: str | None = None
    account_id: str | None = None


@dataclass(frozen=True)
class PulledRating:
    external_id: str
    rated_at: datetime  # naive UTC
    value: str | int | None  # None: not answered, which the import counts as unreadable
    scale: str  # one of engage.csat.scales.SCALES
    group: str | None
    agent_email: str | None
    comment: str | None
    account: str | None = None  # the customer's company, where the help desk gives it


@dataclass(frozen=True)
class PulledTicket:
    """A solved ticket, for first-contact resolution."""

    external_id: str
    solved_at: datetime  # naive UTC
    first_contact_resolved: bool
    group: str | None
    agent_email: str | None


@dataclass(frozen=True)
class Page:
    ratings: list[PulledRating]
    cursor: str  # where the next pull resumes once this page is stored
    tickets: list[PulledTicket] = field(default_factory=list)  # from help desks that give ticket outcomes


class Connector(Protocol):
    def check(self) -> str:
        """Make a cheap authenticated call; return who engage is signed in as."""

    def groups(self) -> list[str]:
        """The help desk's group (or team) names, to map to engage's teams."""

    def pages(self, cursor: str | None, since: datetime) -> Iterator[Page]:
        """Ratings (and solved tickets, where given) changed after the cursor (or since), by page."""


def parse_time(value: object) -> datetime:
    """An ISO 8601 time or Unix seconds, as naive UTC."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC).replace(tzinfo=None)
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
    raise SourceError(f"the help desk sent a time engage cannot read: {value!r}")


def unix(moment: datetime) -> int:
    return int(moment.replace(tzinfo=UTC).timestamp())


def iso(moment: datetime) -> str:
    return moment.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")
