"""List responses: startIndex/count pagination (RFC 7644 section 3.4.2.4) and excludedAttributes."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from engage.extensions import db
from engage.scim.errors import invalid_value
from engage.scim.schemas import LIST_RESPONSE

MAX_RESULTS = 200
ALWAYS_RETURNED = {"id", "schemas"}


@dataclass(frozen=True)
class Page:
    start_index: int
    count: int


def _whole_number(args: Mapping[str, str], name: str, default: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise invalid_value(f"{name} must be a whole number, not {raw!r}") from None


def parse_page(args: Mapping[str, str]) -> Page:
    """Where the page starts (1-based; below 1 counts as 1) and how many it holds (at most MAX_RESULTS)."""
    start = max(_whole_number(args, "startIndex", 1), 1)
    count = min(max(_whole_number(args, "count", MAX_RESULTS), 0), MAX_RESULTS)
    return Page(start, count)


def excluded_attributes(args: Mapping[str, str]) -> set[str]:
    names = {name.strip().lower() for name in args.get("excludedAttributes", "").split(",") if name.strip()}
    return names - ALWAYS_RETURNED


def without(resource: dict, excluded: set[str]) -> dict:
    return {key: value for key, value in resource.items() if key.lower() not in excluded}


def list_response(query: sa.Select, page: Page, render: Callable[[object], dict], excluded: set[str]) -> dict:
    """One page of the query's rows (ordered by the caller), rendered, with the total count."""
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    rows: Iterable[object] = (
        db.session.scalars(query.offset(page.start_index - 1).limit(page.count)) if page.count else []
    )
    resources = [without(render(row), excluded) for row in rows]
    return {
        "schemas": [LIST_RESPONSE],
        "totalResults": total,
        "startIndex": page.start_index,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }
