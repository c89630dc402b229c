"""The teams page, and an admin marking a team as on the front line or serving it."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from engage import audit
from engage.auth.access import current_principal, roles_required, visible_team_ids
from engage.internal_service.roles import ROLE_LABELS, RoleRefused, set_role
from engage.people.directory import list_teams
from engage.web.admin import bp
from engage.web.admin.forms import FrontLineRoleForm


def teams_page(refused: str | None = None, status: int = 200):
    return render_template(
        "admin/teams.html",
        teams=list_teams(visible_team_ids(current_principal())),
        role_form=FrontLineRoleForm(),
        role_labels=ROLE_LABELS,
        refused=refused,
    ), status


@bp.post("/teams/<int:team_id>/front-line")
@roles_required("admin")
def set_front_line_role(team_id: int):
    form = FrontLineRoleForm()
    if not form.validate_on_submit():
        return teams_page("The form expired or was incomplete; reload the page and try again.", 400)
    try:
        team = set_role(team_id, form.role.data or "")
    except RoleRefused as exc:
        return teams_page(str(exc), 400)
    label = ROLE_LABELS[team.front_line_role or ""]
    audit.record(current_user, "settings.front_line", f"team {team.id}", label)
    flash(f"{team.name}: {label.lower()}.", "success")
    return redirect(url_for("admin.teams"))
