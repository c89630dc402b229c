"""The checklist's lines that engage answers from its own database and config."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask

from engage.extensions import db
from engage.insights.rollups import VERSION_KEY, WATERMARK_KEY
from engage.models import Employee, Question, Rating, Setting, Team
from engage.pulses.heartbeat import last_beat
from engage.setup.items import MISSING, OK, WARNING, Item, Page, when

FLASK = "flask --app wsgi engage"
HEARTBEAT_STALE = timedelta(minutes=5)
ROLLUPS_STALE = timedelta(minutes=15)  # the scheduler refreshes them every 5


def _count(*where) -> int:
    query = sa.select(sa.func.count()).select_from(Employee).where(Employee.active, *where)
    return db.session.execute(query).scalar_one()


def roster_item() -> Item:
    title = "Roster imported"
    people = _count()
    teams = db.session.scalar(sa.select(sa.func.count()).select_from(Team))
    unlinked = _count(Employee.slack_user_id.is_(None))
    found = (f"{people} active people in {teams} teams; {unlinked} not linked to Slack.",)
    if not people:
        return Item(
            "roster",
            title,
            MISSING,
            found,
            "Import the roster CSV on the People page or with the command below.",
            f"{FLASK} import-roster roster.csv",
            Page("People", "admin.people"),
        )
    if unlinked:
        return Item(
            "roster",
            title,
            WARNING,
            found,
            "People not linked to Slack get no pulses and cannot be thanked. Link them by email "
            "(their Slack email must be the roster's):",
            f"{FLASK} sync-users",
        )
    if not teams:
        return Item(
            "roster",
            title,
            WARNING,
            found,
            "Give people a team in the roster's team column: the dashboard shows figures per team.",
            page=Page("People", "admin.people"),
        )
    return Item("roster", title, OK, found)


def questions_item() -> Item:
    active = db.session.scalar(
        sa.select(sa.func.count()).select_from(Question).where(Question.retired_at.is_(None))
    )
    found = (f"{active} active pulse questions.",)
    if not active:
        return Item(
            "questions",
            "Questions active",
            MISSING,
            found,
            "No pulse can be sent without questions: add some.",
            page=Page("Questions", "admin.questions"),
        )
    return Item("questions", "Questions active", OK, found)


def scheduler_item(now: datetime) -> Item:
    title = "Scheduler alive"
    fix = "Run the scheduler as its own process beside the web server (README: Deployment):"
    beat = last_beat()
    if beat is None:
        return Item(
            "scheduler",
            title,
            MISSING,
            ("The scheduler has never run: no pulse is sent.",),
            fix,
            f"{FLASK} scheduler",
        )
    if now - beat > HEARTBEAT_STALE:
        return Item(
            "scheduler",
            title,
            WARNING,
            (f"Last heartbeat {when(beat, now)}: the scheduler has stopped or is stuck.",),
            "Start it again, or look at its log:",
            f"{FLASK} scheduler",
        )
    return Item("scheduler", title, OK, (f"Last heartbeat {when(beat, now)}.",))


def rollups_item(now: datetime) -> Item:
    title = "Dashboard figures refreshed"
    ran = db.session.get(Setting, WATERMARK_KEY)
    fix = "The scheduler refreshes them every 5 minutes; to refresh them now:"
    if ran is None:
        return Item(
            "rollups",
            title,
            MISSING,
            ("The dashboard's figures have never been computed.",),
            fix,
            f"{FLASK} refresh-stats",
        )
    found = [f"Last refresh {when(ran.updated_at, now)}."]
    changed = db.session.get(Setting, VERSION_KEY)
    if changed is not None:
        found.append(f"Figures last changed {when(datetime.fromisoformat(changed.value), now)}.")
    if now - ran.updated_at > ROLLUPS_STALE:
        return Item("rollups", title, WARNING, tuple(found), fix, f"{FLASK} refresh-stats")
    return Item("rollups", title, OK, tuple(found))


def ratings_item(now: datetime) -> Item:
    title = "Customer ratings"
    sources = db.session.execute(
        sa.select(
            Rating.source, sa.func.count(), sa.func.max(Rating.imported_at), sa.func.max(Rating.rated_at)
        )
        .group_by(Rating.source)
        .order_by(Rating.source)
    ).all()
    if not sources:
        return Item(
            "ratings",
            title,
            WARNING,
            ("No customer ratings yet: the dashboard shows engagement without CSAT or NPS.",),
            "Upload a CSV on the Ratings page, POST them to /api/v1/ratings, or use the command "
            "below (README: CSAT and NPS import).",
            f"{FLASK} import-ratings ratings.csv --source zendesk",
            Page("Ratings", "csat.upload"),
        )
    return Item(
        "ratings",
        title,
        OK,
        tuple(
            f"{source}: {count} ratings, last imported {when(imported, now)}, newest rated {rated:%Y-%m-%d}."
            for source, count, imported, rated in sources
        ),
    )


def secret_key_item(app: Flask) -> Item:
    title = "Stable SECRET_KEY"
    if app.config.get("SECRET_KEY_SOURCE", "environment") == "environment":
        return Item("secret_key", title, OK, ("SECRET_KEY is set in the environment.",))
    return Item(
        "secret_key",
        title,
        WARNING,
        (
            "SECRET_KEY is not set: engage generated one into instance/secret_key, so sign-ins "
            "survive restarts on this host only.",
        ),
        "Set SECRET_KEY, the same on every host, when engage runs on several hosts or its instance "
        "folder is not kept. To make one:",
        "python3 -c 'import secrets; print(secrets.token_hex(32))'",
    )
