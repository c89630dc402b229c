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
EVERYONE = None


def comments(principal: Principal, team_id: int | None, start: date, end: date) -> Comments:
    """Anonymous comments of a team (None: organisation), month by month over whole months.

    Groups are judged as figures are (the participation rollups) at the comment threshold. In a month
    when the group may be shown, all its comments are listed; when it may not but some of its
    sub-teams may, only those sub-teams' comments are (what is left, too few people, stays hidden);
    otherwise the month is held back and listed in withheld_months.
    """
    first, last = snapped(start, end, "month")
    tree = load_tree(principal)
    scope = require_scope(tree, principal, team_id)
    _, threshold = thresholds()
    values = confidential_values(tree, [scope], "month", first, last, threshold, ["participation"],
                                 with_sub_teams=True)
    values = values[values["metric"] == "participation"]
    flags = zip(values["scope"], values["period_start"], values["withheld"], strict=True)
    shown = {(s, m) for s, m, withheld in flags if not withheld}
    months = sorted(set(values.loc[values["scope"] == scope, "period_start"]))
    teams_by_month = {month: _shown_teams(tree, scope, month, shown) for month in months}
    held_back = tuple(label(m, "month") for m, teams in teams_by_month.items() if teams == set())
    open_months = {m: teams for m, teams in teams_by_month.items() if teams != set()}
    found = _comments(tree, scope, open_months) if open_months else []
    return Comments(team_id, tree.name(scope), first, last, threshold, not open_months, found, held_back)


def _shown_teams(tree: Tree, scope: int, month: date, shown: set) -> set[int] | None:
    """EVERYONE when the whole group may be shown, else the teams of its largest shown sub-teams."""
    if (scope, month) in shown:
        return EVERYONE
    teams: set[int] = set()
    for child in tree.children.get(scope, []):
        inner = _shown_teams(tree, child, month, shown)
        teams |= tree.descendants(child) if inner is EVERYONE else inner
    return teams


def _comments(tree: Tree, scope: int, months: dict[date, set[int] | None]) -> list[Comment]:
    first, end = min(months), next_period(max(months), "month")
    query = (
        sa.select(PulseResponse.comment, Question.driver, PulseDelivery.pulse_date, PulseDelivery.team_id)
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
    found = []
    for text, driver, day, team in db.session.execute(query).all():
        month = day.replace(day=1)
        if month not in months or not (text and text.strip()):
            continue
        teams = months[month]
        if teams is EVERYONE or team in teams:
            found.append(Comment(text.strip(), driver, month.strftime("%Y-%m")))
    return sorted(found, key=lambda c: (c.month, c.driver, c.text))
