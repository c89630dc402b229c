"""Anonymous comments: text, driver and month only, for groups at or over the comment threshold."""
from datetime import date

import sqlalchemy as sa

from engage.analytics.confidentiality import leaves_small_group
from engage.analytics.metrics import ORG_SCOPE
from engage.analytics.periods import next_period
from engage.auth.access import Principal
from engage.extensions import db
from engage.insights.scope import Tree, load_tree, require_scope, thresholds
from engage.insights.service import snapped
from engage.insights.types import Comment, Comments
from engage.models import PulseDelivery, PulseResponse, Question


def comments(principal: Principal, team_id: int | None, start: date, end: date) -> Comments:
    """Anonymous comments of a team (None: organisation) over whole months; withheld for small groups.

    The group is everyone who answered in the months, sub-teams included; it is also withheld when
    leaving out any one sub-team, or all direct sub-teams, would leave 1..threshold-1 people.
    """
    first, last = snapped(start, end, "month")
    tree = load_tree(principal)
    scope = require_scope(tree, principal, team_id)
    _, threshold = thresholds()
    window = (first, next_period(last, "month"))
    respondents = _respondents_by_team(window)
    group = _people(tree, scope, respondents)
    subs = [_people(tree, sub, respondents) for sub in tree.descendants(scope) - {scope}]
    children = [_people(tree, child, respondents) for child in tree.children.get(scope, [])]
    rest = group - set().union(*children)
    withheld = (
        len(group) < threshold
        or any(leaves_small_group(len(group - sub), threshold) for sub in subs)
        or (bool(children) and leaves_small_group(len(rest), threshold))
    )
    found = [] if withheld else _comments(tree, scope, window)
    return Comments(team_id, tree.name(scope), first, last, threshold, withheld, found)


def _respondents_by_team(window: tuple[date, date]) -> dict[int | None, set[int]]:
    rows = db.session.execute(
        sa.select(PulseResponse.team_id, PulseResponse.employee_id).distinct()
        .join(PulseDelivery, PulseDelivery.id == PulseResponse.delivery_id)
        .where(PulseDelivery.pulse_date >= window[0], PulseDelivery.pulse_date < window[1])
    ).all()
    out: dict[int | None, set[int]] = {}
    for team, employee in rows:
        out.setdefault(team, set()).add(employee)
    return out


def _people(tree: Tree, scope: int, respondents: dict[int | None, set[int]]) -> set[int]:
    if scope == ORG_SCOPE:
        return set().union(*respondents.values())
    return set().union(*(respondents.get(team, set()) for team in tree.descendants(scope)))


def _comments(tree: Tree, scope: int, window: tuple[date, date]) -> list[Comment]:
    query = (
        sa.select(PulseResponse.comment, Question.driver, PulseDelivery.pulse_date)
        .join(PulseDelivery, PulseDelivery.id == PulseResponse.delivery_id)
        .join(Question, Question.id == PulseResponse.question_id)
        .where(PulseDelivery.pulse_date >= window[0], PulseDelivery.pulse_date < window[1],
               PulseResponse.comment.is_not(None))
    )
    if scope != ORG_SCOPE:
        query = query.where(PulseResponse.team_id.in_(sorted(tree.descendants(scope))))
    found = [
        Comment(text.strip(), driver, day.strftime("%Y-%m"))
        for text, driver, day in db.session.execute(query).all() if text and text.strip()
    ]
    return sorted(found, key=lambda c: (c.month, c.driver, c.text))
