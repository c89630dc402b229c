"""What a digest says, read through the dashboard's service functions (so under the same anonymity rules)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from engage import insights
from engage.analytics.metrics import ORG_SCOPE
from engage.analytics.periods import period_start
from engage.auth.access import Principal
from engage.digests.drivers import DriverMove, driver_moves
from engage.digests.links import page_link
from engage.digests.recipients import Recipient
from engage.extensions import db
from engage.insights.scope import Tree, load_tree, team_infos, thresholds
from engage.insights.types import TrendPoint
from engage.models import Kudos, KudosRecipient

MAX_GROUPS = 8


@dataclass(frozen=True)
class Figure:
    """A week's figure and its change on the week before; None when withheld (with the reason) or absent."""

    value: float | None
    change: float | None = None
    withheld_reason: str | None = None


@dataclass(frozen=True)
class CommentCount:
    count: int
    months: str
    withheld: bool
    link: str | None


@dataclass(frozen=True)
class GroupDigest:
    name: str
    link: str | None
    engagement: Figure
    response_rate: Figure
    csat: Figure
    ratings: int
    drivers: list[DriverMove]
    comments: CommentCount
    kudos_given: int
    kudos_received: int
    saves: int


@dataclass(frozen=True)
class Digest:
    kind: str
    week_start: date  # the week reported on, Monday to Sunday
    threshold: int
    comment_threshold: int
    groups: list[GroupDigest] = field(default_factory=list)
    more_groups: int = 0


def reported_week(digest_date: date) -> date:
    """The Monday of the last whole week before the digest's day."""
    return period_start(digest_date, "week") - timedelta(weeks=1)


def _figure(before: TrendPoint, now: TrendPoint, name: str) -> Figure:
    if name in now.withheld_fields:
        return Figure(None, withheld_reason=now.withheld_reasons.get(name))
    value, earlier = getattr(now, name), getattr(before, name)
    if value is None:
        return Figure(None)
    hidden_before = name in before.withheld_fields or earlier is None
    return Figure(value, None if hidden_before else round(value - earlier, 1))


def account_saves(teams: set[int] | None, week: date) -> int:
    """Kudos crediting a customer account saved, received by the teams (None: anyone) in the week."""
    start = datetime.combine(week, time.min)
    query = (
        sa.select(sa.func.count(sa.distinct(Kudos.id)))
        .join(KudosRecipient, KudosRecipient.kudos_id == Kudos.id)
        .where(
            Kudos.account_id.is_not(None),
            Kudos.created_at >= start,
            Kudos.created_at < start + timedelta(weeks=1),
        )
    )
    if teams is not None:
        query = query.where(KudosRecipient.team_id.in_(sorted(teams)))
    return db.session.scalar(query) or 0


def _comments(principal: Principal, team_id: int | None, week: date) -> CommentCount:
    found = insights.comments(principal, team_id, week, week + timedelta(days=6))
    months = found.start.strftime("%b %Y")
    if found.end != found.start:
        months += f" and {found.end:%b %Y}"
    link = page_link(
        "dashboard.comments",
        start=found.start.isoformat(),
        end=(week + timedelta(days=6)).isoformat(),
        **({"team_id": team_id} if team_id is not None else {}),
    )
    return CommentCount(found.total, months, found.withheld, link)


def _group(principal: Principal, tree: Tree, trend, week: date) -> GroupDigest:
    before, now = trend.points[0], trend.points[-1]
    scope = ORG_SCOPE if trend.team_id is None else trend.team_id
    teams = None if trend.team_id is None else tree.descendants(scope)
    link = (
        page_link("dashboard.overview")
        if trend.team_id is None
        else page_link("dashboard.team", team_id=trend.team_id)
    )
    return GroupDigest(
        name=trend.team_name,
        link=link,
        engagement=_figure(before, now, "engagement"),
        response_rate=_figure(before, now, "response_rate"),
        csat=_figure(before, now, "csat_pct"),
        ratings=now.ratings,
        drivers=driver_moves(tree, scope, week),
        comments=_comments(principal, trend.team_id, week),
        kudos_given=now.kudos_given,
        kudos_received=now.kudos_received,
        saves=account_saves(teams, week),
    )


def compose(recipient: Recipient, digest_date: date) -> Digest | None:
    """The digest for the week before digest_date; None when the recipient has no team to report on."""
    principal = recipient.principal
    tree = load_tree(principal)
    if recipient.kind == "organisation":
        groups: list[int | None] = [None]
    else:
        groups = [team.id for team in team_infos(tree) if team.depth == 0]
    if not groups:
        return None
    week = reported_week(digest_date)
    trends = insights.team_trends(principal, groups[:MAX_GROUPS], week - timedelta(weeks=1), week, "week")
    threshold, comment_threshold = thresholds()
    return Digest(
        recipient.kind,
        week,
        threshold,
        comment_threshold,
        [_group(principal, tree, trend, week) for trend in trends],
        max(len(groups) - MAX_GROUPS, 0),
    )
