"""Anonymous comments and open answers: text, driver, month (and an open answer's question) only, for
groups at or over the comment threshold."""

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from engage.analytics.metrics import ORG_SCOPE
from engage.analytics.periods import label, next_period
from engage.auth.access import Principal
from engage.extensions import db
from engage.insights import cache
from engage.insights.reading import confidential_values
from engage.insights.rollup_queries import answers_with_deliveries
from engage.insights.scope import Tree, load_tree, require_scope, thresholds
from engage.insights.service import snapped
from engage.insights.types import Comment, Comments, DriverCount, InsightsInputError
from engage.models import DRIVERS, OPEN, PulseResponse, Question
from engage.models.pulses import INTERNAL_SERVICE

LATEST_ANSWER = timedelta(days=31)
EVERYONE = None
PER_PAGE = 50
KINDS = ("comment", "open_answer")


def comments(
    principal: Principal,
    team_id: int | None,
    start: date,
    end: date,
    page: int = 1,
    kind: str = "",
    driver: str = "",
) -> Comments:
    """Anonymous comments and open answers of a team (None: organisation) over whole months, PER_PAGE a
    page; kind ("comment", "open_answer") and driver, when given, keep only those.

    Groups are judged as figures are (the participation rollups) at the comment threshold. In a month
    when the group may be shown, all its comments are listed; when it may not but some of its
    sub-teams may, only those sub-teams' comments are (what is left, too few people, stays hidden);
    otherwise the month is held back and listed in withheld_months. Newest month first, then by
    driver and text (never by answer time). The list is read once per rollup version (like the
    figures that decide which months open) and kept in the figures cache; pages are cut from it.
    """
    _check_choices(page, kind, driver)
    first, last = snapped(start, end, "month")
    tree = load_tree(principal)
    scope = require_scope(tree, principal, team_id)
    _, threshold = thresholds()
    teams_by_month = _teams_by_month(tree, scope, first, last, threshold)
    held_back = tuple(label(m, "month") for m, teams in teams_by_month.items() if teams == set())
    open_months = {m: teams for m, teams in teams_by_month.items() if teams != set()}
    key = cache.key(tree, "month", first, last, threshold)
    found = cache.remembered(
        key, ("comments", scope), lambda: _comments(tree, scope, open_months) if open_months else []
    )
    chosen = [c for c in found if kind in ("", c.kind) and driver in ("", c.driver)]
    shown = chosen[(page - 1) * PER_PAGE : page * PER_PAGE]
    return Comments(
        team_id,
        tree.name(scope),
        first,
        last,
        threshold,
        not open_months,
        shown,
        held_back,
        len(chosen),
        page,
        PER_PAGE,
        kind,
        driver,
        count_by_driver(found),
    )


def _check_choices(page: int, kind: str, driver: str) -> None:
    if page < 1:
        raise InsightsInputError(f"page must be a whole number from 1, not {page}")
    if kind and kind not in KINDS:
        raise InsightsInputError(f"kind must be {' or '.join(KINDS)} (or left out for both), not {kind!r}")
    if driver and driver not in DRIVERS:
        raise InsightsInputError(f"driver must be one of {', '.join(DRIVERS)} (or left out), not {driver!r}")


def count_by_driver(found: list[Comment]) -> tuple[DriverCount, ...]:
    """Comments and open answers per driver, in DRIVERS order; drivers with neither are left out."""
    counts = {d: [0, 0] for d in DRIVERS}
    for comment in found:
        counts[comment.driver][comment.question is not None] += 1
    return tuple(DriverCount(d, *counts[d]) for d in DRIVERS if sum(counts[d]))


def comment_is_shown(principal: Principal, team_id: int | None, day: date) -> bool:
    """Whether a comment of `team_id` (its delivery's team) answered for `day` is on one of the
    principal's Comments pages: on the page of the widest group they may see that holds the team."""
    tree = load_tree(principal)
    if principal.sees_everything:
        scope = ORG_SCOPE
    elif team_id is None or team_id not in tree.visible_teams():
        return False
    else:
        scope = [t for t in tree.ancestors[team_id] if t in tree.visible_teams()][-1]
    month, _ = snapped(day, day, "month")
    _, threshold = thresholds()
    teams = _teams_by_month(tree, scope, month, month, threshold).get(month, set())
    return teams is EVERYONE or team_id in teams


def _teams_by_month(tree: Tree, scope: int, first: date, last: date, threshold: int) -> dict:
    """Per month of the scope's figures: EVERYONE, the teams whose comments may be shown, or set()."""
    values = confidential_values(
        tree, [scope], "month", first, last, threshold, ["participation"], with_sub_teams=True
    )
    values = values[values["metric"] == "participation"]
    flags = zip(values["scope"], values["period_start"], values["withheld"], strict=True)
    shown = {(s, m) for s, m, withheld in flags if not withheld}
    months = sorted(set(values.loc[values["scope"] == scope, "period_start"]))
    return {month: _shown_teams(tree, scope, month, shown) for month in months}


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
    """The comments and open answers of the open months, newest month first, then by driver and text."""
    first, end = min(months), next_period(max(months), "month")
    rows, day, team = answers_with_deliveries()
    in_months = []
    for month, teams in months.items():
        in_month = (day >= month) & (day < next_period(month, "month"))
        if teams is not EVERYONE:
            in_month &= team.in_(sorted(teams))
        in_months.append(in_month)
    question = sa.case((Question.scale == OPEN, Question.text))
    query = (
        sa.select(PulseResponse.comment, Question.driver, day, PulseResponse.id, question)
        .select_from(rows)
        .join(Question, Question.id == PulseResponse.question_id)
        .where(
            PulseResponse.comment.is_not(None),
            sa.func.trim(PulseResponse.comment) != "",
            Question.driver != INTERNAL_SERVICE,  # about a served team: on its card (engage.internal_service)
            PulseResponse.answered_at >= datetime.combine(first, time()) - timedelta(days=1),
            PulseResponse.answered_at < datetime.combine(end, time()) + LATEST_ANSWER,
            day >= first,
            day < end,
            sa.or_(*in_months),
        )
    )
    if scope != ORG_SCOPE:
        query = query.where(team.in_(sorted(tree.descendants(scope))))
    rows = db.session.execute(query).all()
    month_of = {day: day.strftime("%Y-%m") for day in {row[2] for row in rows}}
    found = [Comment(text.strip(), d, month_of[day], id_, q) for text, d, day, id_, q in rows]
    found.sort(key=lambda c: (c.driver, c.text))
    found.sort(key=lambda c: c.month, reverse=True)
    return found
