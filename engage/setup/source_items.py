"""One checklist line per help-desk source: its last import and, if it is failing, its last error."""

from datetime import datetime

from engage.models.sources import RatingSource
from engage.setup.items import OK, WARNING, Item, Page, when
from engage.sources.service import list_sources
from engage.sources.status import failing, last_pull

SOURCES_PAGE = Page("Sources", "sources.index")


def _item(source: RatingSource, now: datetime) -> Item:
    key, title = f"source-{source.id}", f"Ratings from {source.name} ({source.kind})"
    found = [f"{last_pull(source, now).capitalize()}."]
    if source.unmapped:
        found.append(f"{source.unmapped} ratings without a team in the last pull: {source.unmapped_note}.")
    if failing(source) and source.last_error_at is not None:
        found.append(f"Last error {when(source.last_error_at, now)}: {source.last_error}.")
        return Item(
            key,
            title,
            WARNING,
            tuple(found),
            "Fix the token or address on the Sources page; "
            "pulls retry with a growing pause until they succeed.",
            page=SOURCES_PAGE,
        )
    if source.paused:
        return Item(
            key,
            title,
            WARNING,
            (*found, "Paused: no ratings are pulled."),
            "Resume it on the Sources page.",
            page=SOURCES_PAGE,
        )
    if source.last_success_at is None:
        return Item(
            key,
            title,
            WARNING,
            tuple(found),
            "The scheduler pulls it within its interval, or pull now on the Sources page.",
            page=SOURCES_PAGE,
        )
    if source.unmapped:
        return Item(
            key,
            title,
            WARNING,
            tuple(found),
            "Map its groups to teams on the Team mappings page, then choose Re-import on the Sources page.",
            page=Page("Team mappings", "csat.mappings"),
        )
    return Item(key, title, OK, tuple(found))


def source_items(now: datetime) -> list[Item]:
    return [_item(source, now) for source in list_sources()]
