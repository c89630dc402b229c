"""Sign in with Slack or another OpenID Connect provider: /login/sso/<name> and its callback."""

from flask import abort, flash, redirect, request, session, url_for
from flask_login import current_user, login_user

from engage.sso.accounts import account_for
from engage.sso.refusals import SignInRefused
from engage.sso.registry import registered
from engage.sso.signing_in import start_sign_in, verified_identity
from engage.web.auth.forms import LoginForm
from engage.web.auth.views import SIGNED_IN_WITH, bp, login_page, safe_next

NEXT_KEY = "sso_next"


def _refused(exc: SignInRefused):
    flash(str(exc), "error")
    return login_page(LoginForm(), 401)


@bp.get("/login/sso/<name>")
def sso_start(name: str):
    if registered(name) is None:
        abort(404)
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    session[NEXT_KEY] = safe_next(request.args.get("next"))
    try:
        return start_sign_in(name, url_for("auth.sso_callback", name=name, _external=True))
    except SignInRefused as exc:
        return _refused(exc)


@bp.get("/login/sso/<name>/callback")
def sso_callback(name: str):
    if registered(name) is None:
        abort(404)
    try:
        user = account_for(verified_identity(name))
    except SignInRefused as exc:
        return _refused(exc)
    login_user(user)
    session[SIGNED_IN_WITH] = "sso"
    return redirect(session.pop(NEXT_KEY, None) or url_for("main.home"))
