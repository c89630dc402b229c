"""MAX_CONTENT_LENGTH: a body over the limit is refused with 413 before anything reads it."""

from flask import Flask, abort, current_app, jsonify, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

MB = 1024 * 1024


def _refuse_oversized_body() -> None:
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if limit is not None and request.content_length is not None and request.content_length > limit:
        abort(413)


def _too_large(error: RequestEntityTooLarge):
    limit_mb = current_app.config["MAX_CONTENT_LENGTH"] / MB
    message = (
        f"The request is larger than the {limit_mb:g} MB limit. Send a smaller file (split it), "
        "or ask the administrator to raise ENGAGE_MAX_UPLOAD_MB."
    )
    if request.path.startswith("/api/"):
        return jsonify(error=message, limit_bytes=current_app.config["MAX_CONTENT_LENGTH"]), 413
    return render_template("error.html", status=413, title="Request too large", detail=message), 413


def init_app(app: Flask) -> None:
    app.before_request(_refuse_oversized_body)
    app.register_error_handler(413, _too_large)
