"""A path or method under /api/ that nothing serves, answered in JSON like the API's other errors.

Werkzeug's routing decides: 404 when no rule has the path, 405 when one has it for other methods, with
those methods in Allow (what OPTIONS lists too).
"""

from flask import Response, jsonify, request
from werkzeug.exceptions import MethodNotAllowed, NotFound

API_PREFIX = "/api/"


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def api_not_found(error: NotFound) -> tuple[Response, int]:
    if request.url_rule is not None:  # the path is served, but what it names is not there
        return jsonify(error=error.description), 404
    return jsonify(error=f"there is no {request.method} {request.path}; see /api/v1/openapi.json"), 404


def method_not_allowed(error: MethodNotAllowed) -> MethodNotAllowed | tuple[Response, int, dict]:
    if not is_api_request():
        return error
    allowed = ", ".join(sorted(error.valid_methods or ()))
    message = f"{request.path} does not answer {request.method}; it answers {allowed}"
    return jsonify(error=message), 405, {"Allow": allowed}
