from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from engage import audit
from engage.auth.access import roles_required
from engage.extensions import db
from engage.models import DRIVERS, Question, driver_label
from engage.pulses.question_admin import (
    QuestionError,
    add_question,
    edit_question_text,
    questions_by_driver,
    set_retired,
)
from engage.web.admin import bp
from engage.web.admin.forms import ActionForm, QuestionForm, QuestionTextForm


@bp.route("/admin/questions", methods=["GET", "POST"])
@roles_required("admin")
def questions():
    form = QuestionForm()
    status = 200
    if form.is_submitted():
        status = 400
        if form.validate():
            try:
                question = add_question(form.driver.data, form.text.data, form.kind.data)
            except QuestionError as exc:
                form.text.errors.append(str(exc))
            else:
                audit.record(current_user, "settings.question", f"question {question.id}", "added")
                kind = "an open" if question.is_open else "a"
                flash(f"Added {kind} {driver_label(question.driver)} question.", "success")
                return redirect(url_for("admin.questions"))
    return render_template(
        "admin/questions.html", form=form, grouped=questions_by_driver(), action=ActionForm()
    ), status


@bp.route("/admin/questions/<int:question_id>", methods=["GET", "POST"])
@roles_required("admin")
def edit_question(question_id: int):
    question = db.get_or_404(Question, question_id)
    if question.driver not in DRIVERS:  # the internal service question names its team: not edited here
        abort(404)
    form = QuestionTextForm(obj=question)
    status = 200
    if form.is_submitted():
        status = 400
        if form.validate():
            try:
                edit_question_text(question, form.text.data)
            except QuestionError as exc:
                form.text.errors.append(str(exc))
            else:
                audit.record(current_user, "settings.question", f"question {question.id}", "text changed")
                flash("Question saved.", "success")
                return redirect(url_for("admin.questions"))
    return render_template("admin/question_edit.html", form=form, question=question), status


@bp.post("/admin/questions/<int:question_id>/<any(retire, restore):change>")
@roles_required("admin")
def change_question(question_id: int, change: str):
    question = db.get_or_404(Question, question_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    set_retired(question, change == "retire")
    audit.record(current_user, "settings.question", f"question {question.id}", f"{change}d")
    flash(
        "Question retired: it keeps its answers and is no longer asked."
        if question.retired_at
        else "Question restored: it is asked again.",
        "success",
    )
    return redirect(url_for("admin.questions"))
