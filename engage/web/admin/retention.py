"""Erase a person, export a person's data, and the retention settings (admins only)."""

import json

from flask import Response, flash, redirect, render_template, url_for
from flask_login import current_user

from engage import audit
from engage.auth.access import roles_required
from engage.extensions import db
from engage.models import Employee
from engage.retention.erasure import ErasureError, erase_person
from engage.retention.export import person_data
from engage.retention.policy import RetentionError, RetentionSettings, get_settings, save_settings
from engage.web.admin import bp
from engage.web.admin.forms import EraseForm, RetentionForm


@bp.route("/people/<int:employee_id>/erase", methods=["GET", "POST"])
@roles_required("admin")
def erase(employee_id: int):
    person = db.get_or_404(Employee, employee_id)
    if person.erased_at is not None:
        flash(f"Employee {person.id} was already erased on {person.erased_at:%Y-%m-%d}.", "error")
        return redirect(url_for("admin.people"))
    form = EraseForm()
    if form.validate_on_submit():
        if form.confirm_email.data.strip().lower() != person.email.lower():
            form.confirm_email.errors.append(f"Type {person.email} exactly to confirm.")
        else:
            try:
                erasure = erase_person(person, current_user)
            except ErasureError as exc:
                form.confirm_email.errors.append(str(exc)[:1].upper() + str(exc)[1:] + ".")
            else:
                flash(f"Erased: {erasure}.", "success")
                return redirect(url_for("admin.people"))
    status = 400 if form.errors else 200
    return render_template("admin/erase.html", person=person, form=form), status


@bp.get("/people/<int:employee_id>/export.json")
@roles_required("admin")
def export_person(employee_id: int):
    person = db.get_or_404(Employee, employee_id)
    data = person_data(person)
    audit.record(current_user, "person.export", f"employee {person.id}")
    return Response(
        json.dumps(data, indent=2, ensure_ascii=False),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="engage-person-{person.id}.json"'},
    )


@bp.route("/admin/retention", methods=["GET", "POST"])
@roles_required("admin")
def retention():
    settings = get_settings()
    form = RetentionForm(
        data={"comment_months": settings.comment_months, "leaver_months": settings.leaver_months}
    )
    if form.validate_on_submit():
        try:
            save_settings(RetentionSettings(form.comment_months.data, form.leaver_months.data), current_user)
        except RetentionError as exc:
            form.comment_months.errors.append(str(exc))
        else:
            flash("Retention settings saved; the scheduler applies them once a day.", "success")
            return redirect(url_for("admin.retention"))
    return render_template("admin/retention.html", form=form), 400 if form.errors else 200
