"""Sign-in throttling (Flask-Limiter): failed attempts per account and per client address."""

import math
import time

from flask import Flask, render_template, request
from werkzeug.exceptions import TooManyRequests

from engage.extensions import limiter

FAILED_SIGN_INS_PER_ACCOUNT = "5 per 15 minutes"
FAILED_SIGN_INS_PER_ADDRESS = "20 per 15 minutes"


def account_key() -> str:
    return "account:" + request.form.get("email", "").strip().lower()


def failed_sign_in(response) -> bool:
    return response.status_code == 401


def _seconds_to_wait() -> int:
    current = limiter.current_limit
    if current is None:
        return 15 * 60
    # reset_at is rounded up to the next second, so keep within the window itself.
    return min(max(1, math.ceil(current.reset_at - time.time())), current.limit.get_expiry())


def _too_many(error: TooManyRequests):
    wait = _seconds_to_wait()
    message = (
        f"Too many failed sign-in attempts for this account or from this address. Try again in "
        f"{math.ceil(wait / 60)} minute(s), or ask an administrator to set a new password."
    )
    page = render_template("error.html", status=429, title="Too many sign-in attempts", detail=message)
    return page, 429, {"Retry-After": str(wait)}


def init_app(app: Flask) -> None:
    limiter.init_app(app)
    app.register_error_handler(429, _too_many)
