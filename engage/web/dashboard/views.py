from collections.abc import Callable
from functools import cache

from flask import Blueprint, Response, render_template, request
from flask_login import current_user
from markupsafe import Markup

from engage import audit, insights
from engage.alerts.flags import recent_alerts
from engage.analytics.correlation import MAX_LAG
from engage.auth.access import current_principal, roles_required
from engage.conversations.threads import conversations
from engage.insights.outcomes import OUTCOMES, Outcome
from engage.insights.types import InsightsInputError, UnknownTeam
from engage.internal_service import service as internal_service
from engage.models import DRIVERS
from engage.models.base import utcnow
from engage.plans.service import pivot_plan, team_plans
from engage.web.csv_export import to_csv
from engage.web.dashboard import figures
from engage.web.filters import (
    FilterError,
    Filters,
    comment_choices,
    input_date,
    parse_filters,
    parse_page,
)

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
bp.add_app_template_filter(figures.withheld_note, "withheld_note")
bp.add_app_template_filter(figures.VERDICT_LABELS.get, "verdict_label")
bp.add_app_template_filter(figures.heat_band, "heat_band")
bp.add_app_template_global(figures.heat_legend, "heat_legend")
bp.add_app_template_filter(figures.service_band, "service_band")

DASHBOARD_ROLES = ("admin", "hr", "manager")
LATEST_FIELDS = ("engagement", "participation", "enps")
ENGAGEMENT = ("engagement", "Engagement (0-100)", "score")
RATES = [("participation", "Participation %", "pct"), ("response_rate", "Response rate %", "pct")]


def _error_page(status: int, title: str, error: Exception):
    detail = str(error)
    detail = detail[:1].upper() + detail[1:] + "."
    return render_template("error.html", status=status, title=title, detail=detail), status


@bp.errorhandler(UnknownTeam)
def unknown_team(error):
    return _error_page(404, "Not found", error)


@bp.errorhandler(PermissionError)
def not_permitted(error):
    return _error_page(403, "Not allowed", error)


@bp.errorhandler(FilterError)
@bp.errorhandler(InsightsInputError)
def bad_filter(error):
    return _error_page(400, "Bad filter", error)


def _filters(**kwargs) -> Filters:
    return parse_filters(request.args, **kwargs)


def _teams():
    return insights.team_list(current_principal())


def _trend_target(filters: Filters, teams) -> list[int | None]:
    """The team whose trend heads the page; without one, the organisation (HR) or a manager's first team."""
    if filters.team_id is not None:
        return [filters.team_id]
    if current_principal().sees_everything:
        return [None]
    return [teams[0].id] if teams else []


def _outcome(filters: Filters) -> Outcome:
    return OUTCOMES[filters.outcome]


def _team_rows(filters: Filters, teams, trends, consistency) -> list[dict]:
    correlations = insights.cross_team(
        current_principal(), filters.start, filters.end, filters.pairing, filters.outcome
    )
    verdicts = {row.team_id: row for row in correlations}
    off_hours = {row.team_id: row.figures.off_hours for row in consistency}
    rows = []
    for team, trend in zip(teams, trends, strict=True):
        rows.append(
            {
                "team": team,
                "threshold": trend.threshold,
                **{field: figures.latest(trend, field) for field in LATEST_FIELDS},
                "outcome": figures.latest(trend, filters.outcome),
                "kudos_received": figures.total(trend, "kudos_received"),
                "correlation": verdicts.get(team.id),
                "off_hours": off_hours.get(team.id),
            }
        )
    return rows


def _teams_table(
    filters: Filters, teams, trends: Callable[[], list], consistency: Callable[[], list]
) -> Markup:
    """The teams table, rendered once per rollup version and filters (its links carry the filters);
    trends and consistency give the teams' trends and shifts, asked for only when the table is rendered."""

    def render() -> str:
        rows = _team_rows(filters, teams, trends(), consistency())
        return render_template(
            "dashboard/_teams_table.html",
            rows=rows,
            filters=filters,
            outcome=_outcome(filters),
            **figures.SERVICE_HOURS_CONTEXT,
        )

    return Markup(
        insights.derived(
            current_principal(),
            filters.start,
            filters.end,
            filters.granularity,
            ("teams table", _filter_key(filters)),
            render,
        )
    )


def _consistency(filters: Filters) -> Callable[[], list]:
    """The visible teams' shifts, worst off-hours shortfall first: read at most once per request."""
    return cache(
        lambda: insights.service_consistency(current_principal(), filters.start, filters.end, filters.outcome)
    )


def _consistency_ranking(filters: Filters, consistency: Callable[[], list]) -> Markup:
    def render() -> str:
        return render_template(
            "dashboard/_service_ranking.html",
            rows=consistency(),
            filters=filters,
            outcome=_outcome(filters),
            **figures.SERVICE_HOURS_CONTEXT,
        )

    what = ("service ranking", _filter_key(filters), filters.start, filters.end)
    return Markup(
        insights.derived(current_principal(), filters.start, filters.end, filters.granularity, what, render)
    )


def _filter_key(filters: Filters) -> tuple:
    return tuple(sorted(filters.query_args().items()))


def _trends(filters: Filters, team_ids: list[int | None]):
    """Trends of the teams (None: the organisation), read in one pass for the whole page."""
    period = (filters.start, filters.end, filters.granularity)
    return insights.team_trends(current_principal(), team_ids, *period)


@bp.get("/")
@roles_required(*DASHBOARD_ROLES)
def overview():
    filters = _filters()
    teams = _teams()
    target = _trend_target(filters, teams)
    trends = _trends(filters, target + [team.id for team in teams])
    trend = trends[0] if target else None
    outcome = _outcome(filters)
    return render_template(
        "dashboard/overview.html",
        filters=filters,
        teams=teams,
        trend=trend,
        outcome=outcome,
        outcomes=OUTCOMES.values(),
        chart=figures.trend_chart(trend, [ENGAGEMENT, _series(outcome)]) if trend else None,
        cards=_cards(trend, outcome) if trend else None,
        pooled=insights.pooled_correlation(
            current_principal(), filters.team_id, filters.start, filters.end, filters.outcome
        ),
        teams_table=_teams_table(filters, teams, lambda: trends[len(target) :], _consistency(filters)),
        alerts=recent_alerts(current_principal(), utcnow()),
    )


def _series(outcome: Outcome) -> tuple[str, str, str]:
    return outcome.key, outcome.label, outcome.axis


def _cards(trend, outcome: Outcome) -> dict:
    return {
        "engagement": figures.latest(trend, "engagement"),
        "participation": figures.latest(trend, "participation"),
        "response_rate": figures.latest(trend, "response_rate"),
        "enps": figures.latest(trend, "enps"),
        "outcome": figures.latest(trend, outcome.key),
        "kudos_given": figures.total(trend, "kudos_given"),
        "kudos_received": figures.total(trend, "kudos_received"),
        "outcome_count": figures.total(trend, outcome.count),
        "help": figures.FIELD_HELP,
    }


@bp.get("/teams")
@roles_required(*DASHBOARD_ROLES)
def teams():
    filters = _filters()
    team_list = _teams()
    consistency = _consistency(filters)
    table = _teams_table(
        filters, team_list, lambda: _trends(filters, [team.id for team in team_list]), consistency
    )
    return render_template(
        "dashboard/teams.html",
        filters=filters,
        teams=team_list,
        teams_table=table,
        service_ranking=_consistency_ranking(filters, consistency),
        outcomes=OUTCOMES.values(),
    )


@bp.get("/teams/<int:team_id>")
@roles_required(*DASHBOARD_ROLES)
def team(team_id: int):
    filters = _filters()
    principal = current_principal()
    trend = insights.team_trend(principal, team_id, filters.start, filters.end, filters.granularity)
    correlation = insights.team_correlation(
        principal, team_id, filters.start, filters.end, filters.pairing, filters.outcome
    )
    outcome = _outcome(filters)
    heatmap = insights.driver_heatmap(principal, filters.start, filters.end, team_ids=[team_id])
    plans = team_plans(team_id)
    pivot = input_date(request.args, "pivot", "the comparison date (pivot)")
    from_plan = pivot_plan(plans) if pivot is None else None
    pivot = pivot or (from_plan.start_date if from_plan else None)
    comparison = insights.before_after(principal, team_id, pivot) if pivot else None
    service = insights.team_service_hours(principal, team_id, filters.start, filters.end, filters.outcome)
    return render_template(
        "dashboard/team.html",
        filters=filters,
        team_id=team_id,
        trend=trend,
        outcome=outcome,
        outcomes=OUTCOMES.values(),
        cards=_cards(trend, outcome),
        chart=figures.trend_chart(trend, [ENGAGEMENT, _series(outcome), *RATES]),
        correlation=correlation.analysis,
        verdict=correlation.row,
        max_lag=MAX_LAG[correlation.analysis.pairing],
        correlation_chart=figures.correlation_chart(correlation.analysis, correlation.row.best_lag, outcome),
        pooled=insights.pooled_correlation(principal, team_id, filters.start, filters.end, filters.outcome),
        drivers=heatmap.rows[0],
        heatmap=heatmap,
        pivot=pivot,
        comparison=comparison,
        plans=plans,
        pivot_plan=from_plan,
        alerts=recent_alerts(principal, utcnow(), team_id),
        service=service,
        internal=internal_service.if_serving(principal, team_id, filters.start, filters.end),
        verdict_labels=internal_service.VERDICT_LABELS,
        **figures.SERVICE_HOURS_CONTEXT,
    )


@bp.get("/heatmap")
@roles_required(*DASHBOARD_ROLES)
def heatmap():
    filters = _filters()
    principal = current_principal()

    def render() -> str:
        heatmap = insights.driver_heatmap(principal, filters.start, filters.end)
        return render_template("dashboard/_heatmap_table.html", heatmap=heatmap, filters=filters)

    what = ("heatmap", _filter_key(filters))
    table = insights.derived(principal, filters.start, filters.end, "month", what, render)
    first, last = insights.snapped(filters.start, filters.end, "month")
    return render_template(
        "dashboard/heatmap.html", filters=filters, first=first, last=last, heatmap_table=Markup(table)
    )


@bp.get("/comments")
@roles_required(*DASHBOARD_ROLES)
def comments():
    filters = _filters()
    principal = current_principal()
    team_list = _teams()
    team_id = filters.team_id
    if team_id is None and not principal.sees_everything and team_list:
        team_id = team_list[0].id
    page = parse_page(request.args)
    choices = comment_choices(request.args)
    result = None
    if team_id is not None or principal.sees_everything:
        result = insights.comments(principal, team_id, filters.start, filters.end, page=page, **choices)
    return render_template(
        "dashboard/comments.html",
        filters=filters,
        teams=team_list,
        result=result,
        selected=team_id,
        choices=choices,
        page_args={k: v for k, v in choices.items() if v} | filters.query_args(team_id=team_id),
        drivers=DRIVERS,
        conversations=conversations(result.comments, current_user) if result else {},
    )


@bp.get("/export.csv")
@roles_required(*DASHBOARD_ROLES)
def export():
    """Team figures per period, with the outcome chosen, for the visible teams (or the chosen one); withheld
    cells say so."""
    filters = _filters()
    principal = current_principal()
    fields = figures.export_fields(_outcome(filters))

    def render() -> str:
        team_ids = [filters.team_id] if filters.team_id is not None else [t.id for t in _teams()]
        rows = []
        period = (filters.start, filters.end, filters.granularity)
        for trend in insights.team_trends(principal, team_ids, *period):
            for point in trend.points:
                cells = [figures.exported(point, field) for field in fields]
                rows.append([trend.team_name, point.period_start.isoformat(), filters.granularity, *cells])
        return to_csv(["team", "period_start", "granularity", *fields], rows)

    body = insights.derived(
        principal,
        filters.start,
        filters.end,
        filters.granularity,
        ("export.csv", _filter_key(filters)),
        render,
    )
    audit.record(
        current_user,
        "export.dashboard",
        f"team {filters.team_id or 'all'}",
        f"{filters.start}..{filters.end}",
    )
    name = f"engage-teams-{filters.start.isoformat()}-{filters.end.isoformat()}.csv"
    disposition = f'attachment; filename="{name}"'
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": disposition})


@bp.get("/correlation.csv")
@roles_required(*DASHBOARD_ROLES)
def correlation_export():
    """Each visible team's verdict on engagement against the outcome chosen, as the table, team pages and API
    give it."""
    filters = _filters()
    principal = current_principal()

    def render() -> str:
        rows = insights.cross_team(principal, filters.start, filters.end, filters.pairing, filters.outcome)
        return to_csv(figures.CORRELATION_COLUMNS, [figures.correlation_cells(row) for row in rows])

    body = insights.derived(
        principal,
        filters.start,
        filters.end,
        filters.pairing,
        ("correlation.csv", _filter_key(filters)),
        render,
    )
    audit.record(current_user, "export.correlation", "teams", f"{filters.start}..{filters.end}")
    name = f"engage-correlation-{filters.pairing}-{filters.start.isoformat()}-{filters.end.isoformat()}.csv"
    disposition = f'attachment; filename="{name}"'
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": disposition})
