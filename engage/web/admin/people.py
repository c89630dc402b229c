from flask import Response, flash, redirect, render_template, url_for
from flask_login import current_user

from engage import audit
from engage.auth.access import roles_required
from engage.history.importer import import_responses
from engage.history.problems import HistoryRejected
from engage.history.sample import sample_responses_csv
from engage.models.base import utcnow
from engage.people.directory import count_erased, list_people, list_teams
from engage.people.roster import RosterError, import_roster
from engage.people.roster_sample import sample_roster_csv
from engage.web.admin import bp
from engage.web.admin.forms import HistoryForm, RosterForm
from engage.web.admin.front_line import teams_page


def _people_page(
    form: RosterForm | None = None,
    refused: RosterError | None = None,
    history_form: HistoryForm | None = None,
    rejected: HistoryRejected | None = None,
    status: int = 200,
):
    return render_template(
        "admin/people.html",
        form=form or RosterForm(),
        refused=refused,
        history_form=history_form or HistoryForm(),
        rejected=rejected,
        people=list_people(),
        erased=count_erased(),
        teams=list_teams(None),
    ), status


@bp.get("/people")
@roles_required("admin", "hr")
def people():
    return _people_page()


@bp.post("/people/import")
@roles_required("admin", "hr")
def import_people():
    form = RosterForm()
    if not form.validate_on_submit():
        return _people_page(form, status=400)
    try:
        summary = import_roster(form.roster.data.read())
    except RosterError as exc:
        return _people_page(form, refused=exc, status=400)
    audit.record(current_user, "import.roster", "roster", str(summary))
    flash(f"Roster imported: {summary}.", "success")
    return redirect(url_for("admin.people"))


@bp.get("/people/sample.csv")
@roles_required("admin", "hr")
def roster_sample():
    return Response(
        sample_roster_csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=roster-sample.csv"},
    )


@bp.post("/people/import-responses")
@roles_required("admin", "hr")
def import_history():
    form = HistoryForm()
    if not form.validate_on_submit():
        return _people_page(history_form=form, status=400)
    try:
        summary = import_responses(form.history.data.stream)
    except HistoryRejected as exc:
        return _people_page(history_form=form, rejected=exc, status=400)
    audit.record(current_user, "import.answers", "answers", str(summary))
    flash(
        f"Answers imported: {summary}. The dashboard shows them after the next stats refresh "
        "(every few minutes).",
        "success",
    )
    return redirect(url_for("admin.people"))


@bp.get("/people/responses-sample.csv")
@roles_required("admin", "hr")
def responses_sample():
    return Response(
        sample_responses_csv(utcnow().date()),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=responses-sample.csv"},
    )


@bp.get("/teams")
@roles_required("admin", "hr", "manager")
def teams():
    return teams_page()
