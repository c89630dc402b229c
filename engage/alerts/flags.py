"""The alerts a dashboard viewer sees: recent ones of the teams they may see."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from engage.auth.access import Principal
from engage.extensions import db
from engage.insights.scope import load_tree
from engage.models import TeamAlert

SHOWN_FOR = timedelta(days=14)


def recent_alerts(principal: Principal, now: datetime, team_id: int | None = None) -> list[TeamAlert]:
    """Alerts raised within SHOWN_FOR on visible teams (one team's, if given), newest first."""
    query = sa.select(TeamAlert).where(TeamAlert.created_at > now - SHOWN_FOR)
    visible = load_tree(principal).visible  # read once per request, with the page's own tree
    if visible is not None:
        query = query.where(TeamAlert.team_id.in_(sorted(visible)))
    if team_id is not None:
        query = query.where(TeamAlert.team_id == team_id)
    return list(db.session.scalars(query.order_by(TeamAlert.created_at.desc(), TeamAlert.id.desc())))
