"""Reply to a comment, or acknowledge it, from the Comments page."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, TextAreaField
from wtforms.validators import DataRequired

from engage.auth.access import current_principal, roles_required
from engage.conversations import replying
from engage.conversations.errors import ConversationRefused

bp = Blueprint("conversations", __name__, url_prefix="/dashboard/comments")

COMMENTS_PAGE = "/dashboard/comments"


class ReplyForm(FlaskForm):
    comment = HiddenField(validators=[DataRequired("The form lost its comment: reload the page.")])
    text = TextAreaField("Reply")
    sign = BooleanField("Sign with my name")


class AcknowledgeForm(FlaskForm):
    comment = HiddenField(validators=[DataRequired("The form lost its comment: reload the page.")])


def _back():
    """Back to the Comments page the form was on (its filters kept); nowhere else."""
    target = request.form.get("next") or ""
    return redirect(target if target.startswith(COMMENTS_PAGE + "?") else url_for("dashboard.comments"))


def _refused(form: FlaskForm) -> str | None:
    if form.validate():
        return None
    return " ".join(message for messages in form.errors.values() for message in messages)


@bp.post("/reply")
@roles_required("admin", "hr", "manager")
def reply():
    form = ReplyForm()
    problem = _refused(form)
    if problem is None:
        try:
            replying.reply(
                current_principal(), current_user, form.comment.data, form.text.data, form.sign.data
            )
            flash("Reply sent. The author gets it in Slack, without knowing more about you than you chose.")
        except ConversationRefused as exc:
            problem = exc.message
    if problem:
        flash(problem, "error")
    return _back()


@bp.post("/acknowledge")
@roles_required("admin", "hr", "manager")
def acknowledge():
    form = AcknowledgeForm()
    problem = _refused(form)
    if problem is None:
        try:
            replying.acknowledge(current_principal(), current_user, form.comment.data)
            flash("Acknowledged: the author is told “Thanks, noted.”")
        except ConversationRefused as exc:
            problem = exc.message
    if problem:
        flash(problem, "error")
    return _back()
