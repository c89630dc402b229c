"""/api/v1/openapi.json, assembled from the paths each package contributes.

A package documents its endpoints with `add_openapi(app, paths, schemas)` from its init_app.
"""

from copy import deepcopy

from flask import Flask

EXTENSION_KEY = "engage.openapi"

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {"type": "string", "description": "What went wrong and how to fix it."},
        "field": {"type": "string", "description": "The query parameter at fault, when there is one."},
    },
}


def error_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


STANDARD_ERRORS = {
    "401": error_response("No valid bearer token and no signed-in session."),
    "403": error_response("The token's or user's role may not use this endpoint, or the team is not theirs."),
}


def add_openapi(app: Flask, paths: dict, schemas: dict | None = None) -> None:
    registry = app.extensions.setdefault(EXTENSION_KEY, {"paths": {}, "schemas": {}})
    for path, operations in paths.items():
        registry["paths"].setdefault(path, {}).update(operations)
    registry["schemas"].update(schemas or {})


def build_document(app: Flask) -> dict:
    registry = app.extensions.get(EXTENSION_KEY, {"paths": {}, "schemas": {}})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "engage API",
            "version": "1",
            "description": (
                "Engagement, participation, response rate, eNPS, kudos and customer satisfaction by team. "
                "Survey figures of a group with fewer respondents than the anonymity threshold, or that "
                "would let such a group be worked out from the figures shown around it, are withheld: null, "
                "named in withheld_fields, with the reason code in withheld_reasons."
            ),
        },
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}, {"session": []}],
        "paths": deepcopy(dict(sorted(registry["paths"].items()))),
        "components": {
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from `flask --app wsgi engage create-token --role hr`.",
                },
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "session",
                    "description": "The web session of a signed-in user; its writes also need the page's "
                    "CSRF token in an `X-CSRFToken` header.",
                },
            },
            "schemas": {"Error": ERROR_SCHEMA} | deepcopy(registry["schemas"]),
        },
    }
