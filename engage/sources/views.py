"""Ratings > Sources: connect help desks, change their tokens, pause, delete, pull now."""

from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from engage import audit
from engage.auth.access import roles_required
from engage.extensions import db
from engage.models import RatingSource
from engage.models.base import utcnow
from engage.security.encryption import decrypt
from engage.sources import service
from engage.sources.forms import AddSourceForm, TokenForm, WebhookSecretForm
from engage.sources.pulling import pull
from engage.sources.status import failing, last_pull

bp = Blueprint("sources", __name__, url_prefix="/ratings/sources")

PULL_NOW_SECONDS = 20  # a page request pulls this long; the scheduler carries on with the rest


def _source(source_id: int) -> RatingSource:
    return db.session.get(RatingSource, source_id) or abort(404)


def _render(form: AddSourceForm, status: int = 200):
    return render_template(
        "sources/index.html",
        form=form,
        sources=service.list_sources(),
        totals=service.ratings_per_source(),
        tickets=service.tickets_per_source(),
        now=utcnow(),
        failing=failing,
        last_pull=last_pull,
    ), status


@bp.route("", methods=["GET", "POST"])
@roles_required("admin", "hr")
def index():
    form = AddSourceForm()
    if not form.validate_on_submit():
        return _render(form, 422 if form.errors else 200)
    since = datetime.combine(form.since.data, datetime.min.time()) if form.since.data else None
    new = service.NewSource(
        form.kind.data,
        form.name.data,
        form.base_url.data,
        form.token.data,
        form.email.data,
        form.account_id.data,
        since,
    )
    try:
        source = service.add_source(new, utcnow())
    except service.SourceRejected as exc:
        flash(f"Source not added: {exc}.", "error")
        return _render(form, 422)
    audit.record(current_user, "source.add", f"source {source.id}", source.kind)
    flash(
        f"{source.name} connected. Pull now to import ratings from {source.since:%Y-%m-%d}, or let the "
        "scheduler do it; map its groups to teams under Team mappings.",
        "success",
    )
    return redirect(url_for("sources.index"))


@bp.route("/<int:source_id>", methods=["GET", "POST"])
@roles_required("admin", "hr")
def edit(source_id: int):
    source = _source(source_id)
    form, webhook_form = TokenForm(prefix="token"), WebhookSecretForm(prefix="webhook")
    status = 200
    if form.submit.data and form.validate_on_submit():
        try:
            service.change_token(source, form.token.data, form.email.data)
        except service.SourceRejected as exc:
            flash(f"Token not saved: {exc}.", "error")
            status = 422
        else:
            audit.record(current_user, "source.token", f"source {source.id}")
            flash(f"New token for {source.name} checked and saved.", "success")
            return redirect(url_for("sources.edit", source_id=source.id))
    elif webhook_form.submit.data and webhook_form.validate_on_submit():
        try:
            service.set_webhook_secret(source, webhook_form.secret.data)
        except service.SourceRejected as exc:
            flash(f"Secret not saved: {exc}.", "error")
            status = 422
        else:
            audit.record(current_user, "source.webhook_secret", f"source {source.id}")
            flash("Webhook signing secret saved.", "success")
            return redirect(url_for("sources.edit", source_id=source.id))
    elif form.errors or webhook_form.errors:
        status = 422
    chatwoot_secret = (
        decrypt(source.webhook_secret_encrypted)
        if source.kind == "chatwoot" and source.webhook_secret_encrypted
        else None
    )
    return render_template(
        "sources/edit.html",
        source=source,
        form=form,
        webhook_form=webhook_form,
        chatwoot_secret=chatwoot_secret,
        now=utcnow(),
        failing=failing,
        last_pull=last_pull,
    ), status


@bp.post("/<int:source_id>/pull")
@roles_required("admin", "hr")
def pull_now(source_id: int):
    report = pull(_source(source_id), seconds=PULL_NOW_SECONDS)
    audit.record(current_user, "source.pull", f"source {source_id}", report.describe())
    flash(report.describe() + ".", "error" if report.error else "success")
    return redirect(url_for("sources.index"))


@bp.post("/<int:source_id>/pause")
@roles_required("admin", "hr")
def pause(source_id: int):
    source = _source(source_id)
    service.set_paused(source, not source.paused)
    audit.record(current_user, "source.pause" if source.paused else "source.resume", f"source {source.id}")
    flash(f"{source.name} {'paused' if source.paused else 'resumed'}.", "success")
    return redirect(url_for("sources.index"))


@bp.post("/<int:source_id>/restart")
@roles_required("admin", "hr")
def restart(source_id: int):
    source = _source(source_id)
    service.restart_from_since(source)
    audit.record(current_user, "source.restart", f"source {source.id}")
    flash(
        f"{source.name} imports again from {source.since:%Y-%m-%d} on its next pull; ratings already "
        "imported are updated, not doubled.",
        "success",
    )
    return redirect(url_for("sources.index"))


@bp.post("/<int:source_id>/delete")
@roles_required("admin", "hr")
def delete(source_id: int):
    source = _source(source_id)
    audit.record(current_user, "source.delete", f"source {source.id}", source.kind)
    service.delete_source(source)
    flash(f"{source.name} deleted with its token; the ratings it imported stay.", "success")
    return redirect(url_for("sources.index"))
