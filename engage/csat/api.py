"""POST /api/v1/ratings: ratings pushed by a help desk or an integration."""
from collections.abc import Iterator

from flask import Blueprint, jsonify, request

from engage.auth.access import api_auth
from engage.csat.importer import RatingsRejected, import_ratings
from engage.csat.rows import FIELDS
from engage.csat.scales import FieldError
from engage.extensions import csrf

MAX_RATINGS_PER_REQUEST = 10_000

bp = Blueprint("csat_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


def _items(ratings: list) -> Iterator[tuple[int, dict | FieldError]]:
    for index, item in enumerate(ratings):
        if not isinstance(item, dict):
            yield index, FieldError("ratings", "each rating must be a JSON object")
            continue
        unknown = sorted(set(item) - set(FIELDS))
        if unknown:
            yield index, FieldError(unknown[0], f"unknown field(s) {', '.join(unknown)}; "
                                                f"allowed: {', '.join(FIELDS)}")
            continue
        yield index, item


def _unprocessable(field: str, message: str):
    return jsonify(errors=[{"index": None, "field": field, "message": message}]), 422


@bp.post("/ratings")
@api_auth("admin", "hr")
def post_ratings():
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        return jsonify(error='the JSON is nested too deeply: send {"ratings": [...]}, '
                             "a list of objects whose values are plain text or numbers"), 400
    if body is None:
        return jsonify(error='send a JSON body (Content-Type: application/json): {"ratings": [...]}'), 400
    ratings = body.get("ratings") if isinstance(body, dict) else None
    if not isinstance(ratings, list) or not ratings:
        return _unprocessable("ratings", 'the body must be {"ratings": [ ... ]} with at least one rating')
    if len(ratings) > MAX_RATINGS_PER_REQUEST:
        return _unprocessable("ratings", f"send at most {MAX_RATINGS_PER_REQUEST} ratings per request")
    try:
        summary = import_ratings(_items(ratings), position="index")
    except RatingsRejected as exc:
        errors = [{"index": p.at, "field": p.field, "message": p.message} for p in exc.problems]
        return jsonify(errors=errors, total_errors=exc.total), 422
    return jsonify(summary.as_dict()), 201
