from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from engage import audit
from engage.auth.access import roles_required
from engage.extensions import db
from engage.kudos.errors import KudosRefused
from engage.kudos.settings import KudosSettings, get_settings, save_settings
from engage.kudos.values import all_values, save_value, set_value_active
from engage.models import CompanyValue
from engage.web.kudos import bp
from engage.web.kudos.forms import KudosSettingsForm, ValueForm


def _value_or_404(value_id: int) -> CompanyValue:
    return db.session.get(CompanyValue, value_id) or abort(404)


@bp.route("/admin/values", methods=["GET", "POST"])
@roles_required("admin")
def values():
    form = ValueForm()
    if form.validate_on_submit():
        try:
            value = save_value(form.name.data, form.description.data)
        except KudosRefused as exc:
            form.name.errors.append(exc.message)
        else:
            audit.record(current_user, "settings.kudos_value", f"value {value.id}", "added")
            flash(f"Added the value {value.name}.", "success")
            return redirect(url_for("kudos.values"))
    status = 400 if form.errors else 200
    return render_template("kudos/values.html", form=form, values=all_values()), status


@bp.route("/admin/values/<int:value_id>", methods=["GET", "POST"])
@roles_required("admin")
def edit_value(value_id: int):
    value = _value_or_404(value_id)
    form = ValueForm(obj=value)
    if form.validate_on_submit():
        try:
            save_value(form.name.data, form.description.data, value)
        except KudosRefused as exc:
            form.name.errors.append(exc.message)
        else:
            audit.record(current_user, "settings.kudos_value", f"value {value.id}", "changed")
            flash(f"Saved the value {value.name}.", "success")
            return redirect(url_for("kudos.values"))
    status = 400 if form.errors else 200
    return render_template("kudos/value_edit.html", form=form, value=value), status


@bp.post("/admin/values/<int:value_id>/active")
@roles_required("admin")
def toggle_value(value_id: int):
    value = _value_or_404(value_id)
    set_value_active(value, not value.active)
    audit.record(current_user, "settings.kudos_value", f"value {value.id}", "on" if value.active else "off")
    flash(f"{value.name} is now {'offered' if value.active else 'no longer offered'} in Slack.", "success")
    return redirect(url_for("kudos.values"))


@bp.route("/admin/settings", methods=["GET", "POST"])
@roles_required("admin")
def settings():
    form = KudosSettingsForm(obj=get_settings())
    if form.validate_on_submit():
        save_settings(
            KudosSettings(
                public_channel_id=form.public_channel_id.data or "",
                daily_allowance=form.daily_allowance.data,
                show_revenue_publicly=form.show_revenue_publicly.data,
                notify_managers=form.notify_managers.data,
                praise_suggestions=form.praise_suggestions.data,
            )
        )
        audit.record(current_user, "settings.kudos", "kudos settings")
        flash("Kudos settings saved.", "success")
        return redirect(url_for("kudos.settings"))
    return render_template("kudos/settings.html", form=form), 400 if form.errors else 200
