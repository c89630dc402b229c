from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from engage.auth.users import authenticate_user, end_sessions
from engage.extensions import limiter
from engage.security.throttle import (
    FAILED_SIGN_INS_PER_ACCOUNT,
    FAILED_SIGN_INS_PER_ADDRESS,
    account_key,
    failed_sign_in,
)
from engage.web.auth.forms import LoginForm

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    if target and not urlsplit(target).netloc and target.startswith("/"):
        return target
    return url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    FAILED_SIGN_INS_PER_ACCOUNT, key_func=account_key, methods=["POST"], deduct_when=failed_sign_in
)
@limiter.limit(FAILED_SIGN_INS_PER_ADDRESS, methods=["POST"], deduct_when=failed_sign_in)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate_user(form.email.data, form.password.data)
        if user is None:
            flash("Wrong email or password.", "error")
            return render_template("auth/login.html", form=form), 401
        login_user(user)
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    end_sessions(current_user)
    logout_user()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))
