from datetime import UTC
from decimal import Decimal

from babel.numbers import format_currency
from flask import Response, abort, render_template, request
from flask_login import current_user

from engage import audit
from engage.auth.access import current_principal, roles_required, visible_team_ids
from engage.kudos.boards import WINDOWS, accounts_saved, leaderboards, revenue_by_team, window_start
from engage.kudos.export import kudos_csv
from engage.kudos.queries import KudosFilters, wall
from engage.models.base import utcnow
from engage.pulses.clock import zone_for
from engage.web.kudos import bp
from engage.web.kudos.forms import KudosFilterForm

READERS = ("admin", "hr", "manager")
WALL_LIMIT = 200


@bp.app_template_filter("money")
def money(amount: Decimal | None, currency: str | None) -> str:
    return "" if amount is None else format_currency(amount, currency or "USD", locale="en_US")


def _filters() -> tuple[KudosFilterForm, KudosFilters | None, set[int] | None]:
    """The filter form from the query string; filters is None when the form has errors."""
    visible = visible_team_ids(current_principal())
    form = KudosFilterForm(request.args).fill_choices(visible)
    return form, form.filters() if form.validate() else None, visible


@bp.get("/")
@roles_required(*READERS)
def wall_page():
    form, filters, visible = _filters()
    if filters is None:
        return render_template("kudos/wall.html", form=form, kudos=[]), 400
    return render_template(
        "kudos/wall.html", form=form, kudos=wall(filters, visible, WALL_LIMIT), limit=WALL_LIMIT
    )


@bp.get("/export.csv")
@roles_required(*READERS)
def export():
    form, filters, visible = _filters()
    if filters is None:
        errors = "; ".join(f"{form[name].label.text}: {' '.join(e)}" for name, e in form.errors.items())
        abort(400, description=f"Fix the filters: {errors}")
    body = kudos_csv(wall(filters, visible, limit=None))
    audit.record(current_user, "export.kudos", "kudos wall")
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=kudos.csv"},
    )


@bp.get("/leaderboards")
@roles_required(*READERS)
def leaderboards_page():
    days = request.args.get("days", str(WINDOWS[0]))
    if days not in {str(d) for d in WINDOWS}:
        abort(400, description=f"days must be one of: {', '.join(str(d) for d in WINDOWS)}.")
    zone = zone_for(None)
    start = window_start(int(days), utcnow(), zone)
    boards = leaderboards(start, visible_team_ids(current_principal()))
    since = start.replace(tzinfo=UTC).astimezone(zone)
    return render_template(
        "kudos/leaderboards.html", boards=boards, days=int(days), windows=WINDOWS, since=since, zone=zone.key
    )


@bp.get("/accounts")
@roles_required(*READERS)
def accounts_page():
    form, filters, visible = _filters()
    if filters is None:
        return render_template("kudos/accounts.html", form=form, accounts=[], teams=[]), 400
    return render_template(
        "kudos/accounts.html",
        form=form,
        accounts=accounts_saved(filters, visible),
        teams=revenue_by_team(filters, visible),
    )
