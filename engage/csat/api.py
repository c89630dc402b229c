"""POST /api/v1/ratings and /api/v1/ticket-outcomes: pushed by a help desk or an integration."""

from collections.abc import Iterator

from flask import Blueprint, jsonify, request

from engage import audit
from engage.auth.access import api_auth, current_actor
from engage.csat.importer import RatingsRejected, import_ratings
from engage.csat.outcomes import import_ticket_outcomes
from engage.csat.rows import FIELDS
from engage.csat.scales import FieldError
from engage.csat.ticket_rows import TICKET_FIELDS
from engage.extensions import csrf

MAX_RATINGS_PER_REQUEST = 10_000

bp = Blueprint("csat_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


def _items(items: list, key: str, fields: tuple[str, ...]) -> Iterator[tuple[int, dict | FieldError]]:
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            yield index, FieldError(key, f"each of {key} must be a JSON object")
            continue
        unknown = sorted(set(item) - set(fields))
        if unknown:
            yield (
                index,
                FieldError(
                    unknown[0], f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(fields)}"
                ),
            )
            continue
        yield index, item


def _unprocessable(field: str, message: str):
    return jsonify(errors=[{"index": None, "field": field, "message": message}]), 422


def _import(key: str, noun: str, fields: tuple[str, ...], importer):
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        return jsonify(
            error=f'the JSON is nested too deeply: send {{"{key}": [...]}}, '
            "a list of objects whose values are plain text or numbers"
        ), 400
    if body is None:
        return jsonify(error=f'send a JSON body (Content-Type: application/json): {{"{key}": [...]}}'), 400
    items = body.get(key) if isinstance(body, dict) else None
    if not isinstance(items, list) or not items:
        return _unprocessable(key, f'the body must be {{"{key}": [ ... ]}} with at least one {noun}')
    if len(items) > MAX_RATINGS_PER_REQUEST:
        return _unprocessable(key, f"send at most {MAX_RATINGS_PER_REQUEST} {key} per request")
    try:
        summary = importer(_items(items, key, fields), position="index")
    except RatingsRejected as exc:
        errors = [{"index": p.at, "field": p.field, "message": p.message} for p in exc.problems]
        return jsonify(errors=errors, total_errors=exc.total), 422
    audit.record(current_actor(), f"import.{key}", "API", str(summary.as_dict()))
    return jsonify(summary.as_dict()), 201


@bp.post("/ratings")
@api_auth("admin", "hr")
def post_ratings():
    return _import("ratings", "rating", FIELDS, import_ratings)


@bp.post("/ticket-outcomes")
@api_auth("admin", "hr")
def post_ticket_outcomes():
    return _import("tickets", "ticket", TICKET_FIELDS, import_ticket_outcomes)
