"""Figures made once after a refresh and loaded by every web process, which otherwise each make them again.

Each gunicorn worker keeps its own figures cache, emptied for it by every refresh that changed something.
After such a refresh the scheduler renders the default dashboard pages as HR sees them (signed in as the
first active HR or admin user: the figures are the same for every viewer who sees everything) and stores
what that put in its figures cache, signed, for the new rollup version, in three parts: RESULTS (trends,
analyses, the pages' tables), ROWS (the confidential rollup rows read) and COMMENTS (the comment lists);
the last two take most of the time to load. A web process that sees shared figures for the version (the
team tree's statement says so) loads RESULTS before its first look-up, and another part when a look-up
misses, each in one statement, once per version and part; a manager's figures are never shared.
"""

import hashlib
import hmac
import logging
import pickle
import zlib
from collections.abc import Hashable
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask import Flask, current_app, g, has_request_context

from engage.extensions import db
from engage.insights import rollups
from engage.models import SharedFigures, User

if TYPE_CHECKING:
    from engage.insights.cache import Entry
    from engage.insights.scope import Tree

log = logging.getLogger(__name__)

WARMED_PAGES = ("/dashboard/", "/dashboard/teams", "/dashboard/heatmap", "/dashboard/comments")
LOADED = "engage.insights.shared.loaded"  # app.extensions: the (version, part) this process has loaded
RESULTS, ROWS, COMMENTS = "results", "rows", "comments"
OFFERED = "insights_shared_version"  # flask.g: the version whose shared figures this request may load
SHARER_ROLES = ("hr", "admin")


def refresh_and_share(app: Flask) -> dict[str, int]:
    """rollups.refresh(), then, if it recomputed something, the shared figures of the new version."""
    counts = rollups.refresh()
    if counts["periods"]:
        try:
            log.info("shared figures: %s bytes", share(app))
        except Exception:  # the rollups are committed: pages are only slower until the next refresh
            db.session.rollback()
            log.exception("shared figures could not be made")
    return counts


def share(app: Flask) -> int:
    """Render WARMED_PAGES as HR and store the figures cache entries of the current rollup version for every
    web process; returns the bytes stored (0: no HR or admin user)."""
    from engage.insights.cache import Entry, figures_cache

    version = rollups.current_version()
    sharer = db.session.scalar(
        sa.select(User).where(User.role.in_(SHARER_ROLES), User.active.is_(True)).order_by(User.id).limit(1)
    )
    if version is None or sharer is None:
        return 0
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = sharer.get_id()
    for path in WARMED_PAGES:
        status = client.get(path).status_code
        if status != 200:
            log.warning("shared figures: %s answered %s", path, status)
    parts: dict[str, list] = {RESULTS: [], ROWS: [], COMMENTS: []}
    for entry, sized in figures_cache().items():
        if isinstance(entry, Entry) and _shareable(entry, version):
            parts[part_of(entry.what)].append((entry, sized))
    db.session.execute(sa.delete(SharedFigures))
    stored = 0
    for part, entries in parts.items():
        payload = zlib.compress(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL), level=1)
        db.session.add(
            SharedFigures(version=version, part=part, signature=_signature(payload), payload=payload)
        )
        stored += len(payload)
    db.session.commit()
    return stored


def part_of(what: Hashable) -> str:
    """The part of the shared figures an entry's what is stored in."""
    from engage.insights.reading import ValuesRead

    if isinstance(what, ValuesRead):
        return ROWS
    return COMMENTS if isinstance(what, tuple) and what[0] == "comments" else RESULTS


def _shareable(entry: "Entry", version: str) -> bool:
    """HR's entries of this version: the confidential figures read, and what was made from them."""
    if entry.figures is None:
        return False
    return entry.figures.version == version and entry.figures.visible is None


def offer(tree: "Tree") -> None:
    """Load the RESULTS part of the shared figures of the tree's rollup version into this process's figures
    cache, once per version, when the scheduler made some and the viewer sees everything."""
    if not tree.shared or tree.visible is not None or tree.rollup_version is None:
        return
    g.setdefault(OFFERED, tree.rollup_version)
    _load(tree.rollup_version, RESULTS)


def offer_part(what: Hashable) -> None:
    """After a look-up of what missed: load the part of the request's shared figures that would hold it."""
    version = g.get(OFFERED) if has_request_context() else None
    if version is not None:
        _load(version, part_of(what))


def _load(version: str, part: str) -> None:
    from engage.insights.cache import figures_cache

    loaded = current_app.extensions.setdefault(LOADED, set())
    if (version, part) in loaded:
        return
    loaded.add((version, part))
    row = db.session.execute(
        sa.select(SharedFigures.signature, SharedFigures.payload).where(
            SharedFigures.version == version, SharedFigures.part == part
        )
    ).first()
    if row is None:
        return
    if not hmac.compare_digest(row.signature, _signature(row.payload)):
        log.warning("shared figures of version %s are not signed with this SECRET_KEY: ignored", version)
        return
    try:  # signed by a process holding our SECRET_KEY, maybe of an older engage
        entries = pickle.loads(zlib.decompress(row.payload))
    except Exception:
        log.warning("shared figures of version %s could not be read: ignored", version, exc_info=True)
        return
    cache = figures_cache()
    for entry, sized in entries:
        cache.put(entry, sized.value, sized.rows)


def _signature(payload: bytes) -> str:
    key = current_app.config["SECRET_KEY"]
    return hmac.new(key.encode() if isinstance(key, str) else key, payload, hashlib.sha256).hexdigest()
