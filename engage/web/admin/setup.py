from flask import abort, current_app, flash, redirect, render_template, url_for

from engage.auth.access import roles_required
from engage.kudos.settings import get_settings
from engage.setup import checklist
from engage.setup.slack_check import UNREACHABLE, check_slack
from engage.slack.bolt_app import is_configured
from engage.web.admin import bp
from engage.web.admin.forms import ActionForm


@bp.get("/admin/setup")
@roles_required("admin")
def setup():
    return render_template(
        "admin/setup.html",
        items=checklist(current_app),
        action=ActionForm(),
        slack_configured=is_configured(current_app),
    )


@bp.post("/admin/setup/check-slack")
@roles_required("admin")
def check_slack_now():
    if not ActionForm().validate_on_submit():
        abort(400)
    if not is_configured(current_app):
        flash(
            "Slack is not connected: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, restart engage, "
            "then check again.",
            "error",
        )
        return redirect(url_for("admin.setup"))
    result = check_slack(current_app, get_settings().public_channel_id)
    if result.error == UNREACHABLE:
        flash(f"Could not reach Slack: {result.detail}", "error")
    elif result.error:
        flash(f"Slack refused the check: {result.error}.", "error")
    else:
        flash(f"Slack answered: connected to {result.team} as @{result.bot}.", "success")
    return redirect(url_for("admin.setup"))
