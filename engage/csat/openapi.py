"""The OpenAPI 3.1 paths of the ratings API, for /api/v1/openapi.json."""

from typing import Any

from engage.validation.dates import SUPPORTED

_VALUE = {
    "oneOf": [{"type": "integer", "minimum": 0, "maximum": 10}, {"type": "string"}],
    "description": "csat5: 1-5; good_bad: 'good' or 'bad'; three_point: 'great', 'okay' or 'bad' "
    "('not good'); ces7: 1-7, 7 the least effort; nps10: 0-10. 'offered'/'unoffered' "
    "(a survey never answered) is skipped.",
}

RATING_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["source", "external_id", "rated_at", "value"],
    "additionalProperties": False,
    "properties": {
        "source": {"type": "string", "maxLength": 50, "examples": ["zendesk"]},
        "external_id": {
            "type": "string",
            "maxLength": 120,
            "description": "The help desk's id; (source, external_id) is unique: sending it "
            "again updates or leaves the rating unchanged",
        },
        "rated_at": {
            "type": "string",
            "description": f"ISO 8601; without a zone it is taken as UTC. Years {SUPPORTED}, "
            "at most a day ahead of the server's clock",
            "examples": ["2026-03-01T14:05:00+01:00"],
        },
        "kind": {
            "type": "string",
            "enum": ["csat", "nps"],
            "description": "may be left out when scale is given",
        },
        "value": _VALUE,
        "scale": {
            "type": "string",
            "enum": ["csat5", "good_bad", "three_point", "ces7", "nps10"],
            "description": "default: nps10 for nps; good_bad for good/bad values; three_point for "
            "great/okay values; else csat5 (ces7 is never guessed: give it)",
        },
        "team": {"type": "string", "description": "a team name"},
        "group": {"type": "string", "description": "a help-desk group mapped to a team for this source"},
        "agent_email": {
            "type": "string",
            "format": "email",
            "description": "the agent, whose team is used when no team or mapped group is given",
        },
        "comment": {
            "type": "string",
            "maxLength": 5000,
            "description": "the customer's comment; shown only to the agent and their manager (as praise, "
            "see Kudos from customer praise); control characters other than line breaks and tabs are dropped",
        },
        "account": {
            "type": "string",
            "maxLength": 200,
            "description": "the customer's company, filled into the kudos form when praise becomes kudos",
        },
    },
}

_ERROR = {"type": "object", "properties": {"error": {"type": "string"}}}

TICKET_SCHEMA = {
    "type": "object",
    "required": ["source", "external_id", "solved_at", "first_contact_resolved"],
    "additionalProperties": False,
    "properties": {
        "source": RATING_SCHEMA["properties"]["source"],
        "external_id": {
            "type": "string",
            "maxLength": 120,
            "description": "The help desk's ticket id; (source, external_id) is unique",
        },
        "solved_at": {
            "type": "string",
            "description": f"ISO 8601; without a zone it is taken as UTC. Years {SUPPORTED}, "
            "at most a day ahead of the server's clock",
        },
        "first_contact_resolved": {
            "oneOf": [{"type": "boolean"}, {"type": "string"}],
            "description": "true/false, or yes/no",
        },
        "team": RATING_SCHEMA["properties"]["team"],
        "group": RATING_SCHEMA["properties"]["group"],
        "agent_email": RATING_SCHEMA["properties"]["agent_email"],
    },
}


def _post(summary: str, operation_id: str, key: str, item: dict, noun: str) -> dict:
    return {
        "post": {
            "summary": summary,
            "operationId": operation_id,
            "tags": ["ratings"],
            "security": [{"bearerAuth": []}, {"session": []}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": [key],
                            "properties": {
                                key: {"type": "array", "minItems": 1, "maxItems": 10000, "items": item}
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": {
                    "description": "Imported",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    name: {"type": "integer"}
                                    for name in ("created", "updated", "unchanged", "skipped")
                                },
                            }
                        }
                    },
                },
                "400": {
                    "description": "The body is not JSON, or is nested too deeply to read",
                    "content": {"application/json": {"schema": _ERROR}},
                },
                "401": {"description": "No valid token", "content": {"application/json": {"schema": _ERROR}}},
                "403": {
                    "description": "The token's role is not admin or hr, or a signed-in session sent "
                    "no valid CSRF token in `X-CSRFToken`",
                    "content": {"application/json": {"schema": _ERROR}},
                },
                "413": {
                    "description": "The body is larger than ENGAGE_MAX_UPLOAD_MB (5 MB by default)",
                    "content": {"application/json": {"schema": _ERROR}},
                },
                "422": {
                    "description": f"Some {noun} are wrong; nothing was imported",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "errors": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "properties": {
                                                "index": {"type": ["integer", "null"]},
                                                "field": {"type": "string"},
                                                "message": {"type": "string"},
                                            },
                                        },
                                    },
                                    "total_errors": {"type": "integer"},
                                },
                            }
                        }
                    },
                },
            },
        }
    }


RATINGS_OPENAPI_PATHS = {
    "/api/v1/ratings": _post(
        "Import CSAT and NPS ratings (all or nothing)", "postRatings", "ratings", RATING_SCHEMA, "ratings"
    ),
    "/api/v1/ticket-outcomes": _post(
        "Import solved tickets and whether each was resolved in its first contact (all or nothing)",
        "postTicketOutcomes",
        "tickets",
        TICKET_SCHEMA,
        "tickets",
    ),
}
