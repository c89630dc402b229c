"""Praise from the ratings: satisfied, with a comment free of problem words, matched to an active agent."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee, Rating
from engage.praise.detection import is_praise

LOOK_BACK = timedelta(days=7)  # praise rated longer ago than this is old news: never sent
MAX_QUOTE = 600


@dataclass(frozen=True)
class Praise:
    rating_id: int
    agent_id: int
    agent_name: str
    agent_slack_id: str | None
    manager_id: int | None
    quote: str
    account: str | None
    rated_at: datetime
    imported_at: datetime

    @property
    def words(self) -> str:
        """The customer's words on one line, cut to MAX_QUOTE characters."""
        words = " ".join(self.quote.split())
        return words if len(words) <= MAX_QUOTE else words[: MAX_QUOTE - 1].rstrip() + "…"


def _praise(*conditions) -> list[Praise]:
    rows = db.session.execute(
        sa.select(
            Rating.id.label("rating_id"),
            Employee.id.label("agent_id"),
            Employee.name.label("agent_name"),
            Employee.slack_user_id.label("agent_slack_id"),
            Employee.manager_id,
            Rating.comment.label("quote"),
            Rating.account,
            Rating.rated_at,
            Rating.imported_at,
        )
        .join(Employee, sa.func.lower(Employee.email) == Rating.agent_email)
        .where(
            Rating.satisfied.is_(True),
            Rating.comment.is_not(None),
            Employee.active.is_(True),
            *conditions,
        )
        .order_by(Rating.rated_at.desc(), Rating.id.desc())
    ).all()
    return [Praise(**row._asdict()) for row in rows if is_praise(True, row.quote)]


def praise_imported(since: datetime, until: datetime) -> list[Praise]:
    """Praise imported in [since, until) and rated at most LOOK_BACK before until, newest rating first."""
    return _praise(
        Rating.imported_at >= since, Rating.imported_at < until, Rating.rated_at >= until - LOOK_BACK
    )


def praise_of_rating(rating_id: int) -> Praise | None:
    """The rating as praise of an active agent, or None (for the Give kudos button)."""
    found = _praise(Rating.id == rating_id)
    return found[0] if found else None
