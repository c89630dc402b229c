from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from engage import insights
from engage.auth.access import current_principal, roles_required
from engage.extensions import db
from engage.models import PLAN_STATUSES, ActionPlan
from engage.plans.announce import announce_plan
from engage.plans.service import PlanInput, PlanRefused, create_plan, may_see, set_status, visible_plans
from engage.slack.bolt_app import is_configured, web_client
from engage.web.plans.forms import PlanForm, StatusForm

bp = Blueprint("plans", __name__, url_prefix="/plans")
ROLES = ("admin", "hr", "manager")


def _plan_or_404(plan_id: int) -> ActionPlan:
    plan = db.session.get(ActionPlan, plan_id)
    if plan is None or not may_see(current_principal(), plan.team_id):
        abort(404)
    return plan


@bp.get("/")
@roles_required(*ROLES)
def index():
    status = request.args.get("status") or None
    if status is not None and status not in PLAN_STATUSES:
        abort(400, description=f"status must be one of {', '.join(PLAN_STATUSES)}.")
    plans = visible_plans(current_principal(), status)
    return render_template("plans/index.html", plans=plans, status=status, statuses=PLAN_STATUSES)


def _input(form: PlanForm) -> PlanInput:
    return PlanInput(
        team_id=form.team_id.data,
        driver=form.driver.data,
        action=form.action.data or "",
        start_date=form.start_date.data,
        review_date=form.review_date.data,
        announce_channel=(form.announce_channel.data or "") if form.announce.data else "",
    )


def _announce(plan: ActionPlan) -> None:
    if not plan.announce_channel:
        return
    if not is_configured(current_app):
        flash("The plan is saved but not announced: Slack is not connected.", "error")
        return
    problem = announce_plan(plan, web_client(current_app))
    if problem:
        flash(f"The plan is saved but not announced: {problem}", "error")


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*ROLES)
def new():
    teams = insights.team_list(current_principal())
    form = PlanForm().fill(teams)
    if request.method == "GET" and request.args.get("team_id", "").isdigit():
        form.team_id.data = int(request.args["team_id"])
    if form.validate_on_submit():
        if form.announce.data and not (form.announce_channel.data or "").strip():
            form.announce_channel.errors.append("Give the channel to announce in, or untick the box.")
        else:
            try:
                plan = create_plan(current_principal(), current_user, _input(form))
            except PlanRefused as exc:
                getattr(form, exc.field or "action").errors.append(exc.message)
            else:
                flash(f"Action plan saved for {plan.team.name}.", "success")
                _announce(plan)
                return redirect(url_for("plans.plan", plan_id=plan.id))
    status = 400 if form.errors else 200
    return render_template("plans/new.html", form=form, has_teams=bool(teams)), status


@bp.route("/<int:plan_id>", methods=["GET", "POST"])
@roles_required(*ROLES)
def plan(plan_id: int):
    found = _plan_or_404(plan_id)
    form = StatusForm(obj=found)
    if form.validate_on_submit():
        set_status(found, form.status.data)
        flash(f"The plan is now {found.status}.", "success")
        return redirect(url_for("plans.plan", plan_id=found.id))
    return render_template("plans/plan.html", plan=found, form=form), 400 if form.errors else 200
