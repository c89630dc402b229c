from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from engage import audit
from engage.auth.access import roles_required
from engage.auth.users import UserError, create_user, list_users, set_user_active
from engage.extensions import db
from engage.models import Employee, User
from engage.people.directory import list_people
from engage.sso.registry import configured_providers
from engage.web.admin import bp
from engage.web.admin.forms import ActionForm, UserForm
from engage.web.admin.sign_in_policy import policy_form


def _user_form() -> UserForm:
    form = UserForm()
    form.employee_id.choices = [SelectChoice(0, "(none)")] + [
        SelectChoice(e.id, f"{e.name} <{e.email}>") for e in list_people(include_inactive=False)
    ]
    return form


@bp.route("/admin/users", methods=["GET", "POST"])
@roles_required("admin")
def users():
    form = _user_form()
    status = 200
    if form.is_submitted():
        status = 400
        if form.validate():
            employee = db.session.get(Employee, form.employee_id.data) if form.employee_id.data else None
            try:
                user = create_user(form.email.data, form.password.data, form.role.data, employee)
            except UserError as exc:
                form.email.errors.append(str(exc))
            else:
                audit.record(current_user, "user.create", f"user {user.id}", f"role {user.role}")
                flash(f"Created {user.role} account {user.email}.", "success")
                return redirect(url_for("admin.users"))
    page = render_template(
        "admin/users.html",
        form=form,
        users=list_users(),
        action=ActionForm(),
        policy_form=policy_form(),
        providers=configured_providers(),
    )
    return page, status


@bp.post("/admin/users/<int:user_id>/<any(activate, deactivate):change>")
@roles_required("admin")
def change_user(user_id: int, change: str):
    user = db.get_or_404(User, user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if user.id == current_user.id:
        flash("You cannot deactivate your own account.", "error")
        return redirect(url_for("admin.users"))
    set_user_active(user, change == "activate")
    audit.record(current_user, f"user.{change}", f"user {user.id}")
    flash(
        f"{user.email} is now {'active' if user.active else 'deactivated; its API tokens are revoked'}.",
        "success",
    )
    return redirect(url_for("admin.users"))
