from decimal import Decimal

from babel.numbers import format_currency
from flask import Response, abort, render_template, request

from engage.auth.access import current_principal, roles_required, visible_team_ids
from engage.kudos.boards import PERIODS, accounts_saved, leaderboards, period_start, revenue_by_team
from engage.kudos.export import kudos_csv
from engage.kudos.queries import KudosFilters, wall
from engage.models.base import utcnow
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
    return render_template("kudos/wall.html", form=form, kudos=wall(filters, visible, WALL_LIMIT),
                           limit=WALL_LIMIT)


@bp.get("/export.csv")
@roles_required(*READERS)
def export():
    form, filters, visible = _filters()
    if filters is None:
        errors = "; ".join(f"{form[name].label.text}: {' '.join(e)}" for name, e in form.errors.items())
        abort(400, description=f"Fix the filters: {errors}")
    return Response(kudos_csv(wall(filters, visible, limit=None)), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=kudos.csv"})


@bp.get("/leaderboards")
@roles_required(*READERS)
def leaderboards_page():
    period = request.args.get("period", "week")
    if period not in PERIODS:
        abort(400, description=f"period must be one of: {', '.join(PERIODS)}")
    since = period_start(period, utcnow().date())
    boards = leaderboards(since, visible_team_ids(current_principal()))
    return render_template("kudos/leaderboards.html", boards=boards, period=period, periods=PERIODS,
                           since=since)


@bp.get("/accounts")
@roles_required(*READERS)
def accounts_page():
    form, filters, visible = _filters()
    if filters is None:
        return render_template("kudos/accounts.html", form=form, accounts=[], teams=[]), 400
    return render_template("kudos/accounts.html", form=form, accounts=accounts_saved(filters, visible),
                           teams=revenue_by_team(filters, visible))
