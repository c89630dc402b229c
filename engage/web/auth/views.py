from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from engage.auth.users import end_sessions
from engage.extensions import limiter
from engage.security.throttle import (
    FAILED_SIGN_INS_PER_ACCOUNT,
    FAILED_SIGN_INS_PER_ADDRESS,
    account_key,
    failed_sign_in,
)
from engage.sso.policy import SignInPolicy, password_sign_in, sign_in_policy
from engage.sso.registry import configured_providers
from engage.web.auth.forms import LoginForm

bp = Blueprint("auth", __name__)

SIGNED_IN_WITH = "signed_in_with"  # "password" or "sso": requiring SSO keeps only the latter
PASSWORDS_OFF = (
    "Wrong email or password. Password sign-in is on for the break-glass administrator only: everyone "
    "else signs in with single sign-on (the buttons above)."
)


def safe_next(target: str | None) -> str:
    if target and not urlsplit(target).netloc and target.startswith("/"):
        return target
    return url_for("main.home")


def login_page(form: LoginForm, status: int = 200, policy: SignInPolicy | None = None):
    policy = policy or sign_in_policy()
    page = render_template("auth/login.html", form=form, providers=configured_providers(), policy=policy)
    return page, status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    FAILED_SIGN_INS_PER_ACCOUNT, key_func=account_key, methods=["POST"], deduct_when=failed_sign_in
)
@limiter.limit(FAILED_SIGN_INS_PER_ADDRESS, methods=["POST"], deduct_when=failed_sign_in)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form, policy = LoginForm(), sign_in_policy()
    if form.validate_on_submit():
        user = password_sign_in(policy, form.email.data, form.password.data)
        if user is None:
            flash(PASSWORDS_OFF if policy.require_sso else "Wrong email or password.", "error")
            return login_page(form, 401, policy)
        login_user(user)
        session[SIGNED_IN_WITH] = "password"
        return redirect(safe_next(request.args.get("next")))
    return login_page(form, policy=policy)


@bp.post("/logout")
@login_required
def logout():
    end_sessions(current_user)
    logout_user()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


from engage.web.auth import sso  # noqa: E402,F401 (routes on bp)
