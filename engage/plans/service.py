"""Creating, listing and closing action plans; every check before anything is written."""

import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from engage.auth.access import Principal
from engage.extensions import db
from engage.insights.scope import load_tree
from engage.models import DRIVERS, PLAN_STATUSES, ActionPlan, Team, User
from engage.validation.text import COMMENT_WHITESPACE, control_characters

MAX_ACTION = 2000
CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{6,20}$")


class PlanRefused(ValueError):
    """A plan that cannot be saved; field names the form field at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class PlanInput:
    team_id: int
    driver: str
    action: str
    start_date: date
    review_date: date
    announce_channel: str = ""


def _check(principal: Principal, plan: PlanInput) -> None:
    if db.session.get(Team, plan.team_id) is None:
        raise PlanRefused(f"There is no team with id {plan.team_id}.", "team_id")
    if not may_see(principal, plan.team_id):
        raise PlanRefused("That team is not one of yours: pick one of your teams.", "team_id")
    if plan.driver not in DRIVERS:
        raise PlanRefused(f"Pick one of the drivers: {', '.join(DRIVERS)}.", "driver")
    action = _action(plan)
    if not action:
        raise PlanRefused("Say what you will do.", "action")
    if len(action) > MAX_ACTION:
        raise PlanRefused(f"Keep what you will do under {MAX_ACTION} characters.", "action")
    odd = [c for c in control_characters(action) if c not in COMMENT_WHITESPACE]
    if odd:
        shown = ", ".join(f"U+{ord(c):04X}" for c in odd[:5])
        raise PlanRefused(f"Remove the control characters ({shown}) from what you will do.", "action")
    if plan.review_date <= plan.start_date:
        raise PlanRefused("The review date must come after the start date.", "review_date")
    channel = plan.announce_channel.strip()
    if channel and not CHANNEL_ID.match(channel):
        raise PlanRefused(
            "Give the channel's ID, such as C0123456789 (in Slack: the channel's details, at the bottom), "
            "or leave it empty.",
            "announce_channel",
        )


def _action(plan: PlanInput) -> str:
    return plan.action.replace("\r\n", "\n").strip()


def may_see(principal: Principal, team_id: int) -> bool:
    visible = load_tree(principal).visible
    return visible is None or team_id in visible


def create_plan(principal: Principal, author: User, plan: PlanInput) -> ActionPlan:
    """Save the plan (owned by the author's employee record, who gets the review reminder), or PlanRefused."""
    _check(principal, plan)
    saved = ActionPlan(
        team_id=plan.team_id,
        driver=plan.driver,
        action=_action(plan),
        start_date=plan.start_date,
        review_date=plan.review_date,
        status="active",
        author_id=author.id,
        owner_id=author.employee_id,
        announce_channel=plan.announce_channel.strip() or None,
    )
    db.session.add(saved)
    db.session.commit()
    return saved


def set_status(plan: ActionPlan, status: str) -> None:
    if status not in PLAN_STATUSES:
        raise PlanRefused(f"The status must be one of {', '.join(PLAN_STATUSES)}.", "status")
    plan.status = status
    db.session.commit()


def visible_plans(principal: Principal, status: str | None = None) -> list[ActionPlan]:
    """Plans of the teams the principal may see (all for HR), review date first."""
    query = sa.select(ActionPlan).order_by(ActionPlan.review_date, ActionPlan.id)
    visible = load_tree(principal).visible
    if visible is not None:
        query = query.where(ActionPlan.team_id.in_(sorted(visible)))
    if status:
        query = query.where(ActionPlan.status == status)
    return list(db.session.scalars(query))


def team_plans(team_id: int) -> list[ActionPlan]:
    """The team's own plans, newest start first."""
    query = sa.select(ActionPlan).where(ActionPlan.team_id == team_id)
    return list(db.session.scalars(query.order_by(ActionPlan.start_date.desc(), ActionPlan.id.desc())))


def pivot_plan(plans: list[ActionPlan]) -> ActionPlan | None:
    """The plan whose start is the team's before/after pivot: the latest started one not dropped."""
    return next((p for p in plans if p.status != "dropped"), None)


def close_from_slack(plan_id: str, slack_user_id: str) -> ActionPlan:
    """The "Mark the plan done" button of a review reminder: only the plan's owner may press it."""
    plan = db.session.get(ActionPlan, int(plan_id)) if plan_id.isdigit() else None
    if plan is None:
        raise PlanRefused("That action plan no longer exists.")
    if plan.owner is None or plan.owner.slack_user_id != slack_user_id:
        raise PlanRefused("Only the plan's owner can close it; HR can change it on the Action plans page.")
    set_status(plan, "done")
    return plan
