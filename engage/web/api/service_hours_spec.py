"""OpenAPI description of the service-hours endpoints."""

from engage.analytics.shifts import MIN_CELL_RATINGS, MIN_SHIFT_RATINGS, SHIFTS
from engage.insights.service_hours import known_zones
from engage.web.api.spec import END, OUTCOME, START, TEAM_ID_PATH, _get, _query

NULLABLE_NUMBER = {"type": ["number", "null"]}
SHIFT_KEYS = [shift.key for shift in SHIFTS]
VALUE = NULLABLE_NUMBER | {
    "description": "the outcome over the cell's ratings (CSAT % and FCR: percent; mean CSAT: 0-100; NPS: "
    f"-100 to 100); null when greyed (fewer than {MIN_CELL_RATINGS} ratings)"
}


def _cell(*place: str) -> dict:
    names = {"weekday": "0 = Monday ... 6 = Sunday, in the team's time zone", "hour": "0-23, local"}
    return {
        "type": "object",
        "properties": {
            **{name: {"type": "integer", "description": names[name]} for name in place},
            "ratings": {"type": "integer", "description": "ratings (or solved tickets, for fcr) in the cell"},
            "value": VALUE,
            "greyed": {"type": "boolean", "description": f"fewer than {MIN_CELL_RATINGS} ratings"},
        },
    }


GAP_NOTE = (
    "higher's figure minus lower's, in the outcome's points, with a 95% interval: Newcombe's hybrid score "
    "interval for CSAT % and FCR, Welch's t for mean CSAT and NPS; null when fewer than two shifts (with "
    f"daytime, for off_hours) have {MIN_SHIFT_RATINGS} ratings"
)
GAP = {
    "type": ["object", "null"],
    "description": GAP_NOTE,
    "properties": {
        "higher": {"type": "string", "enum": SHIFT_KEYS},
        "lower": {"type": "string", "enum": SHIFT_KEYS},
        "points": {"type": "number"},
        "ci_low": {"type": "number"},
        "ci_high": {"type": "number"},
    },
}
SHIFT_FIGURES = {
    "ratings": {"type": "integer"},
    "shifts": {
        "type": "array",
        "description": "; ".join(shift.label for shift in SHIFTS),
        "items": {
            "type": "object",
            "properties": {
                "key": {"type": "string", "enum": SHIFT_KEYS},
                "label": {"type": "string"},
                "ratings": {"type": "integer"},
                "value": NULLABLE_NUMBER | {"description": f"null under {MIN_SHIFT_RATINGS} ratings"},
            },
        },
    },
    "spread": GAP | {"description": "The consistency score: best shift minus worst shift; " + GAP_NOTE},
    "off_hours": GAP
    | {
        "description": "Weekday daytime minus the worst other shift (negative: off hours do better); "
        + GAP_NOTE
    },
}
RULES = {
    "start": {"type": "string", "format": "date"},
    "end": {"type": "string", "format": "date"},
    "outcome": {"type": "string"},
    "min_cell_ratings": {"type": "integer"},
    "min_shift_ratings": {"type": "integer"},
}
TEAM = {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}
TIMEZONE = {"type": "string", "description": "the IANA zone the hours are read in"}

SERVICE_HOURS_PATHS = {
    "/api/v1/teams/{team_id}/service-hours": _get(
        "A team's customer outcome (sub-teams included) by local weekday and hour, by shift, and the gaps "
        "between its shifts. Customer ratings only: engagement is never split by shift.",
        "ServiceHours",
        [
            TEAM_ID_PATH,
            START,
            END,
            OUTCOME,
            _query(
                "timezone",
                "IANA zone to read hours in; default: the zone most of the team's people are in, else "
                "the company's",
                {"type": "string", "enum": sorted(known_zones())},
            ),
        ],
        not_found=True,
    ),
    "/api/v1/service-consistency": _get(
        "The caller's teams, those whose off-hours service falls furthest below their own weekday daytime "
        "service first (teams without enough ratings to compare last).",
        "ServiceConsistency",
        [START, END, OUTCOME],
    ),
}
SERVICE_HOURS_SCHEMAS = {
    "ServiceHours": {
        "type": "object",
        "properties": {
            "team": TEAM,
            "timezone": TIMEZONE,
            **RULES,
            "cells": {
                "type": "array",
                "items": _cell("weekday", "hour"),
                "description": "7 x 24 cells, Monday 0:00 first",
            },
            "weekdays": {"type": "array", "items": _cell("weekday")},
            "hours": {"type": "array", "items": _cell("hour")},
            **SHIFT_FIGURES,
        },
    },
    "ServiceConsistency": {
        "type": "object",
        "properties": {
            **RULES,
            "teams": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"team": TEAM, "timezone": TIMEZONE, **SHIFT_FIGURES},
                },
            },
        },
    },
}
