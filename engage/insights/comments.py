"""Anonymous comments: text, driver and month only, for groups at or over the comment threshold."""
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from engage.analytics.metrics import ORG_SCOPE
from engage.analytics.periods import label, next_period
from engage.auth.access import Principal
from engage.extensions import db
from engage.insights.reading import confidential_values
from engage.insights.scope import Tree, load_tree, require_scope, thresholds
from engage.insights.service import snapped
from engage.insights.types import Comment, Comments
from engage.models import PulseDelivery, PulseResponse, Question

LATEST_ANSWER = timedelta(days=31)


def comments(principal: Principal, team_id: int | None, start: date, end: date) -> Comments:
    """Anonymous comments of a team (None: organisation), month by month over whole months.

    A month's comments are shown only when the people who answered that month, sub-teams included,
    reach the comment threshold and the comments shown for sub-teams cannot be set aside to leave
    1..threshold-1 people (the figures' rule, from the participation rollups, at the comment
    threshold). Months held back are listed.
    """
    first, last = snapped(start, end, "month")
    tree = load_tree(principal)
    scope = require_scope(tree, principal, team_id)
    _, threshold = thresholds()
    groups = confidential_values(tree, [scope], "month", first, last, threshold, ["participation"])
    groups = groups[groups["metric"] == "participation"]
    months = list(zip(groups["period_start"], groups["withheld"].astype(bool), strict=True))
    open_months = sorted(month for month, withheld in months if not withheld)
    held_back = tuple(label(month, "month") for month, withheld in sorted(months) if withheld)
    found = _comments(tree, scope, open_months) if open_months else []
    return Comments(team_id, tree.name(scope), first, last, threshold, not open_months, found, held_back)


def _comments(tree: Tree, scope: int, months: list[date]) -> list[Comment]:
    first, end = min(months), next_period(max(months), "month")
    query = (
        sa.select(PulseResponse.comment, Question.driver, PulseDelivery.pulse_date)
        .join(PulseDelivery, PulseDelivery.id == PulseResponse.delivery_id)
        .join(Question, Question.id == PulseResponse.question_id)
        .where(
            PulseResponse.comment.is_not(None),
            PulseResponse.answered_at >= datetime.combine(first, time()) - timedelta(days=1),
            PulseResponse.answered_at < datetime.combine(end, time()) + LATEST_ANSWER,
            PulseDelivery.pulse_date >= first, PulseDelivery.pulse_date < end,
        )
    )
    if scope != ORG_SCOPE:
        query = query.where(PulseDelivery.team_id.in_(sorted(tree.descendants(scope))))
    shown = set(months)
    found = [
        Comment(text.strip(), driver, day.strftime("%Y-%m"))
        for text, driver, day in db.session.execute(query).all()
        if text and text.strip() and day.replace(day=1) in shown
    ]
    return sorted(found, key=lambda c: (c.month, c.driver, c.text))
