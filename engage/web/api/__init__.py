"""The read API under /api/v1 (bearer token or session) and its OpenAPI document."""

from flask import Flask

from engage.extensions import csrf
from engage.web.api.internal_service_spec import INTERNAL_SERVICE_PATHS, INTERNAL_SERVICE_SCHEMAS
from engage.web.api.openapi import add_openapi
from engage.web.api.routing_errors import method_not_allowed
from engage.web.api.service_hours_spec import SERVICE_HOURS_PATHS, SERVICE_HOURS_SCHEMAS
from engage.web.api.spec import READ_API_PATHS, READ_API_SCHEMAS
from engage.web.api.views import bp


def init_app(app: Flask) -> None:
    csrf.exempt(bp)
    app.register_blueprint(bp)
    add_openapi(app, READ_API_PATHS, READ_API_SCHEMAS)
    app.register_error_handler(405, method_not_allowed)
    add_openapi(app, SERVICE_HOURS_PATHS, SERVICE_HOURS_SCHEMAS)
    add_openapi(app, INTERNAL_SERVICE_PATHS, INTERNAL_SERVICE_SCHEMAS)
