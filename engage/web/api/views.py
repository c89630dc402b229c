from collections.abc import Callable

from flask import Blueprint, Response, current_app, jsonify, request

from engage import insights
from engage.auth.access import api_auth, current_principal
from engage.insights.outcomes import OUTCOMES
from engage.insights.types import Granularity, InsightsInputError, UnknownTeam
from engage.internal_service.service import internal_service
from engage.web.api import serialise
from engage.web.api import service_hours as service_hours_json
from engage.web.api.internal_service import internal_service as internal_service_json
from engage.web.api.openapi import build_document
from engage.web.filters import (
    FilterError,
    Filters,
    comment_choices,
    parse_filters,
    parse_page,
    parse_timezone,
)

bp = Blueprint("api", __name__, url_prefix="/api/v1")

READ_ROLES = ("admin", "hr", "manager")
QUERY_PARAMETERS = ("start", "end", "granularity", "team_id", "outcome", "pairing", "page")


def _error(status: int, message: str, field: str | None = None):
    body = {"error": message} | ({"field": field} if field else {})
    return jsonify(body), status


@bp.before_request
def refuse_empty_parameters() -> None:
    """`start=` from an API client is a mistake to report (a form's blank field falls back to the default)."""
    for name in QUERY_PARAMETERS:
        if name in request.args and not request.args[name].strip():
            raise FilterError(
                name, f"{name} is empty: give a value, or leave the parameter out for its default"
            )


@bp.errorhandler(FilterError)
def bad_parameter(error: FilterError):
    return _error(400, error.message, error.field)


@bp.errorhandler(InsightsInputError)
def bad_input(error: InsightsInputError):
    return _error(400, str(error))


@bp.errorhandler(UnknownTeam)
def unknown_team(error: UnknownTeam):
    return _error(404, str(error) or "no team with that id")


@bp.errorhandler(PermissionError)
def not_permitted(error: PermissionError):
    return _error(403, str(error) or "this team is not one of yours")


def _json(filters: Filters, granularity: Granularity, what: tuple, payload: Callable[[], dict]) -> Response:
    """payload's JSON, made once per rollup version and kept in the figures cache."""
    text = insights.derived(
        current_principal(),
        filters.start,
        filters.end,
        granularity,
        what,
        lambda: current_app.json.dumps(payload(), separators=(",", ":")),
    )
    return current_app.response_class(text + "\n", mimetype="application/json")


@bp.get("/openapi.json")
def openapi():
    return jsonify(build_document(current_app))


@bp.get("/teams")
@api_auth(*READ_ROLES)
def teams():
    return jsonify(teams=[serialise.team(info) for info in insights.team_list(current_principal())])


@bp.get("/teams/<int:team_id>/trend")
@api_auth(*READ_ROLES)
def team_trend(team_id: int):
    f = parse_filters(request.args)
    return _json(
        f,
        f.granularity,
        ("api trend", team_id),
        lambda: serialise.trend(
            insights.team_trend(current_principal(), team_id, f.start, f.end, f.granularity)
        ),
    )


@bp.get("/teams/<int:team_id>/correlation")
@api_auth(*READ_ROLES)
def team_correlation(team_id: int):
    f = parse_filters(request.args)
    result = insights.team_correlation(current_principal(), team_id, f.start, f.end, f.pairing, f.outcome)
    return jsonify(serialise.correlation(result))


@bp.get("/org/correlation")
@api_auth(*READ_ROLES)
def org_correlation():
    f = parse_filters(request.args)
    result = insights.pooled_correlation(current_principal(), f.team_id, f.start, f.end, f.outcome)
    return jsonify(serialise.pooled(result))


@bp.get("/org/trend")
@api_auth(*READ_ROLES)
def org_trend():
    f = parse_filters(request.args)
    return _json(
        f,
        f.granularity,
        ("api trend", None),
        lambda: serialise.trend(insights.org_trend(current_principal(), f.start, f.end, f.granularity)),
    )


@bp.get("/drivers/heatmap")
@api_auth(*READ_ROLES)
def driver_heatmap():
    f = parse_filters(request.args)
    return _json(
        f,
        "month",
        ("api heatmap",),
        lambda: serialise.heatmap(insights.driver_heatmap(current_principal(), f.start, f.end)),
    )


@bp.get("/teams/<int:team_id>/service-hours")
@api_auth(*READ_ROLES)
def team_service_hours(team_id: int):
    f, zone = parse_filters(request.args), parse_timezone(request.args)
    return _json(
        f,
        f.granularity,
        ("api service hours", team_id, f.start, f.end, f.outcome, zone),
        lambda: service_hours_json.service_hours(
            insights.team_service_hours(current_principal(), team_id, f.start, f.end, f.outcome, zone)
        ),
    )


@bp.get("/teams/<int:team_id>/internal-service")
@api_auth(*READ_ROLES)
def team_internal_service(team_id: int):
    f = parse_filters(request.args)
    return jsonify(internal_service_json(internal_service(current_principal(), team_id, f.start, f.end)))


@bp.get("/service-consistency")
@api_auth(*READ_ROLES)
def service_consistency():
    f = parse_filters(request.args)
    return _json(
        f,
        f.granularity,
        ("api service consistency", f.start, f.end, f.outcome),
        lambda: service_hours_json.service_consistency(
            insights.service_consistency(current_principal(), f.start, f.end, f.outcome),
            f.start,
            f.end,
            OUTCOMES[f.outcome],
        ),
    )


@bp.get("/comments")
@api_auth(*READ_ROLES)
def comments():
    f = parse_filters(request.args)
    page, choices = parse_page(request.args), comment_choices(request.args)
    result = insights.comments(current_principal(), f.team_id, f.start, f.end, page=page, **choices)
    return jsonify(serialise.comments(result))
