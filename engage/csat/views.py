"""Ratings pages for HR: upload ratings or ticket outcomes as CSV, manage help-desk group -> team mappings."""

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from engage import audit
from engage.auth.access import roles_required
from engage.csat.csvfile import read_ratings_csv
from engage.csat.forms import RatingsUploadForm, TeamMappingForm, TicketsUploadForm
from engage.csat.importer import RatingsRejected, import_ratings
from engage.csat.mappings import MappingError, add_mapping, delete_mapping, list_mappings
from engage.csat.outcomes import import_ticket_outcomes
from engage.csat.rows import FIELDS
from engage.csat.sample import sample_ratings_csv
from engage.csat.ticket_rows import TICKET_FIELDS, read_tickets_csv
from engage.extensions import db
from engage.models import Team
from engage.models.base import utcnow
from engage.sources.service import unmapped_groups

bp = Blueprint("csat", __name__, url_prefix="/ratings")


@bp.route("/import", methods=["GET", "POST"])
@roles_required("admin", "hr")
def upload():
    form = RatingsUploadForm()
    if not form.validate_on_submit():
        return render_template("csat/upload.html", form=form, columns=FIELDS), 422 if form.errors else 200
    source = (form.source.data or "").strip() or None
    try:
        summary = import_ratings(read_ratings_csv(form.file.data.stream, bool(source)), source)
    except RatingsRejected as exc:
        return render_template("csat/upload.html", form=form, columns=FIELDS, rejected=exc), 422
    audit.record(current_user, "import.ratings", source or "ratings file", str(summary.as_dict()))
    flash(
        "Ratings imported: {created} new, {updated} updated, {unchanged} unchanged, "
        "{skipped} unanswered surveys skipped.".format(**summary.as_dict()),
        "success",
    )
    return redirect(url_for("csat.upload"))


@bp.route("/tickets", methods=["GET", "POST"])
@roles_required("admin", "hr")
def tickets():
    form = TicketsUploadForm()
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template("csat/tickets.html", form=form, columns=TICKET_FIELDS), status
    source = (form.source.data or "").strip() or None
    try:
        summary = import_ticket_outcomes(read_tickets_csv(form.file.data.stream, bool(source)), source)
    except RatingsRejected as exc:
        return render_template("csat/tickets.html", form=form, columns=TICKET_FIELDS, rejected=exc), 422
    audit.record(current_user, "import.tickets", source or "tickets file", str(summary.as_dict()))
    flash(
        "Ticket outcomes imported: {created} new, {updated} updated, {unchanged} unchanged.".format(
            **summary.as_dict()
        ),
        "success",
    )
    return redirect(url_for("csat.tickets"))


@bp.get("/sample.csv")
@roles_required("admin", "hr")
def sample():
    return Response(
        sample_ratings_csv(utcnow().date()),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=ratings-sample.csv"},
    )


def _mapping_form() -> TeamMappingForm:
    form = TeamMappingForm()
    teams = db.session.scalars(sa.select(Team).order_by(Team.name))
    form.team_id.choices = [SelectChoice(t.id, t.name) for t in teams]
    return form


@bp.route("/mappings", methods=["GET", "POST"])
@roles_required("admin", "hr")
def mappings():
    form = _mapping_form()
    status = 200
    if form.validate_on_submit():
        try:
            mapping = add_mapping(form.source.data, form.external_group.data, form.team_id.data)
        except MappingError as exc:
            flash(f"Mapping not added: {exc}.", "error")
            status = 422
        else:
            audit.record(current_user, "settings.team_mapping", f"mapping {mapping.id}", "added")
            flash(
                f"Group {mapping.external_group} of {mapping.source} now maps to {mapping.team.name}.",
                "success",
            )
            return redirect(url_for("csat.mappings"))
    elif form.errors:
        status = 422
    return render_template(
        "csat/mappings.html", form=form, mappings=list_mappings(), help_desk_groups=unmapped_groups()
    ), status


@bp.post("/mappings/<int:mapping_id>/delete")
@roles_required("admin", "hr")
def remove_mapping(mapping_id: int):
    if not delete_mapping(mapping_id):
        abort(404)
    audit.record(current_user, "settings.team_mapping", f"mapping {mapping_id}", "deleted")
    flash("Mapping deleted.", "success")
    return redirect(url_for("csat.mappings"))
