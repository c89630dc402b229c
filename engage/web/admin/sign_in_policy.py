"""The Users page's single sign-on section: which providers are on, and whether passwords are."""

import sqlalchemy as sa
from flask import flash, redirect, session, url_for
from flask_login import current_user, login_user

from engage import audit
from engage.auth.access import roles_required
from engage.extensions import db
from engage.models import User
from engage.sso.policy import PolicyError, allow_passwords, require_sso, sign_in_policy
from engage.web.admin import bp
from engage.web.admin.forms import SignInPolicyForm
from engage.web.auth.views import SIGNED_IN_WITH


def policy_form() -> SignInPolicyForm:
    policy = sign_in_policy()
    admins = db.session.scalars(
        sa.select(User.email).where(User.role == "admin", User.active).order_by(User.email)
    )
    form = SignInPolicyForm(
        require_sso=policy.require_sso,
        break_glass=policy.break_glass.email if policy.break_glass else None,
    )
    form.break_glass.choices = list(admins)
    return form


@bp.post("/admin/users/sign-in-policy")
@roles_required("admin")
def save_sign_in_policy():
    form = policy_form()
    if not form.validate_on_submit():
        flash("Choose the break-glass administrator from the list.", "error")
        return redirect(url_for("admin.users"))
    if not form.require_sso.data:
        allow_passwords()
        audit.record(current_user, "settings.sign_in", "sign-in policy", "passwords allowed")
        flash("Password sign-in is on for everyone.", "success")
        return redirect(url_for("admin.users"))
    try:
        break_glass = require_sso(form.break_glass.data)
    except PolicyError as exc:
        flash(str(exc), "error")
    else:
        if session.get(SIGNED_IN_WITH) == "sso":
            login_user(current_user._get_current_object())  # its session version moved on with the rest
        audit.record(
            current_user,
            "settings.sign_in",
            "sign-in policy",
            f"SSO required; break-glass user {break_glass.id}",
        )
        flash(
            f"Single sign-on is required: only {break_glass.email} (break-glass) can still use a password. "
            "Everyone else was signed out and signs in again with single sign-on.",
            "success",
        )
    return redirect(url_for("admin.users"))
