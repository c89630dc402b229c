"""OpenAPI description of the read API's paths and schemas."""

from engage.analytics.confidentiality import REVEALS_SMALLER, TOO_FEW
from engage.analytics.correlation import (
    MAX_LAG,
    MIN_PERIODS,
    PAIRINGS,
    VERDICT_NOT_ENOUGH,
    VERDICT_NOT_ENOUGH_EVIDENCE,
    VERDICT_RELATIONSHIP,
    VERDICT_WITHHELD,
    VERDICTS,
)
from engage.analytics.pooled import PER
from engage.analytics.pooled import VERDICTS as POOLED_VERDICTS
from engage.insights.comments import KINDS, PER_PAGE
from engage.insights.outcomes import DEFAULT_OUTCOME, OUTCOMES
from engage.models import DRIVERS
from engage.validation.dates import SUPPORTED, SUPPORTED_DATE_PATTERN
from engage.web.api.openapi import STANDARD_ERRORS, error_response
from engage.web.dashboard.figures import FIELD_HELP, TREND_FIELDS
from engage.web.filters import MAX_DAYS, MAX_ID, MAX_PAGE

NULLABLE_NUMBER = {"type": ["number", "null"]}
DATE = {"type": "string", "format": "date"}
INPUT_DATE = DATE | {"pattern": SUPPORTED_DATE_PATTERN}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
WITHHELD_REASON = {
    "type": "string",
    "enum": [TOO_FEW, REVEALS_SMALLER],
    "description": f"{TOO_FEW}: the group has fewer respondents than the threshold; {REVEALS_SMALLER}: "
    "the group is large enough, but with the figures shown for the groups around it, it "
    "would let a group under the threshold be worked out.",
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _query(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


SPANS = ", ".join(f"{days} days by {granularity}" for granularity, days in MAX_DAYS.items())
START = _query(
    "start",
    f"First day (YYYY-MM-DD, years {SUPPORTED}), widened to a whole period; on or before end and at most "
    f"{SPANS} before it (by week where there is no granularity). Default: 26 weeks before end, "
    f"{MAX_DAYS['day']} days by day.",
    INPUT_DATE,
)
END = _query(
    "end", f"Last day (YYYY-MM-DD, years {SUPPORTED}), widened to a whole period. Default: today.", INPUT_DATE
)
GRANULARITY = _query(
    "granularity",
    "Period length; it bounds how far apart start and end may be (see start).",
    {"type": "string", "enum": ["day", "week", "month"], "default": "week"},
)
OUTCOME = _query(
    "outcome",
    "The customer outcome set against engagement: "
    + "; ".join(f"{o.key}: {o.label}" for o in OUTCOMES.values())
    + ".",
    {"type": "string", "enum": list(OUTCOMES), "default": DEFAULT_OUTCOME},
)
OUTCOME_FIELDS = {
    "fcr": "Percent (0-100) of the tickets solved in the period that were resolved in their first contact.",
    "tickets": "Tickets solved in the period (what fcr is computed from).",
    "ratings": "CSAT ratings in the period (what csat_pct and csat_mean are computed from).",
    "nps_ratings": "NPS ratings in the period.",
}
PAIRING = _query(
    "pairing",
    f"Pair engagement and the outcome per week (lags -{MAX_LAG['week']}..+{MAX_LAG['week']} "
    f"weeks) or per month (lags -{MAX_LAG['month']}..+{MAX_LAG['month']} months).",
    {"type": "string", "enum": list(PAIRINGS), "default": "week"},
)
TEAM_ID_PATH = {"name": "team_id", "in": "path", "required": True, "schema": ID}
BAD_PARAMETER = (
    "A query parameter is not valid; `field` names it. Besides values the schema refuses: a parameter "
    "sent empty (leave it out for its default), a day that does not exist (2026-02-30), start after end, "
    "or more days from start to end than the granularity allows."
)


def _get(
    summary: str, schema: str, parameters: list, not_found: bool = False, bad_params: bool = True
) -> dict:
    responses = {"200": {"description": summary, "content": {"application/json": {"schema": _ref(schema)}}}}
    if bad_params:
        responses["400"] = error_response(BAD_PARAMETER)
    responses |= STANDARD_ERRORS
    if not_found:
        responses["404"] = error_response("No team with that id.")
    operation = {"summary": summary, "parameters": parameters, "responses": responses, "tags": ["insights"]}
    return {"get": operation}


READ_API_PATHS = {
    "/api/v1/teams": _get(
        "The teams the caller may see, parents before children.", "TeamList", [], bad_params=False
    ),
    "/api/v1/teams/{team_id}/trend": _get(
        "A team's figures per period (sub-teams included).",
        "Trend",
        [TEAM_ID_PATH, START, END, GRANULARITY],
        not_found=True,
    ),
    "/api/v1/teams/{team_id}/correlation": _get(
        "Engagement against a customer outcome (CSAT % by default) per week or month at each lag, with the "
        "verdict, its reading and q (the same as the team's row of the dashboard's cross-team table).",
        "Correlation",
        [TEAM_ID_PATH, START, END, PAIRING, OUTCOME],
        not_found=True,
    ),
    "/api/v1/org/correlation": _get(
        f"Weekly engagement against an outcome at lags -{MAX_LAG['week']}..+{MAX_LAG['week']} weeks, pooled "
        "over the "
        "caller's teams (or a team's sub-teams), each team against its own usual level and each week against "
        "what moved every team.",
        "PooledCorrelation",
        [
            _query(
                "team_id",
                "Pool this team's sub-teams; omit to pool every team the caller may see.",
                ID,
            ),
            START,
            END,
            OUTCOME,
        ],
        not_found=True,
    ),
    "/api/v1/org/trend": _get(
        "The whole organisation's figures per period (HR and admin).", "Trend", [START, END, GRANULARITY]
    ),
    "/api/v1/drivers/heatmap": _get("Driver scores per team over the range.", "Heatmap", [START, END]),
    "/api/v1/comments": _get(
        f"Anonymous comments and open-question answers of a team (or the organisation): text, driver, "
        f"month and an open answer's question only, {PER_PAGE} a page.",
        "Comments",
        [
            _query("team_id", "The team; omit for the whole organisation (HR and admin).", ID),
            START,
            END,
            _query(
                "page",
                f"Page of {PER_PAGE} comments, newest month first (default 1).",
                {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            ),
            _query(
                "kind",
                "Only comments on score answers, or only answers to open questions (default: both).",
                {"type": "string", "enum": list(KINDS)},
            ),
            _query("driver", "Only this driver's (default: all).", {"type": "string", "enum": list(DRIVERS)}),
        ],
        not_found=True,
    ),
    "/api/v1/openapi.json": {
        "get": {
            "summary": "This document.",
            "security": [],
            "tags": ["meta"],
            "responses": {
                "200": {
                    "description": "The OpenAPI 3.1 document.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    },
}

TEAM_REF = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": {"type": ["integer", "null"], "description": "null for the organisation"},
        "name": {"type": "string"},
    },
}
CORRELATION_FIGURES = {
    "type": "object",
    "properties": {k: {"type": "number"} for k in ("r", "p", "p_adjusted", "ci_low", "ci_high")},
}
NULLABLE_EFFECT = NULLABLE_NUMBER | {"description": f"outcome points per {PER} engagement points"}
POOLED_LAG = {
    "type": "object",
    "properties": {
        "lag": {"type": "integer"},
        "effect_per_10_points": {
            "type": "number",
            "description": f"outcome points per {PER} engagement points",
        },
        "ci_low": {"type": "number"},
        "ci_high": {"type": "number"},
        "p": {"type": "number"},
        "p_adjusted": {"type": "number", "description": "Holm-adjusted across the lags tested"},
        "significant": {"type": "boolean"},
        "teams": {"type": "integer"},
        "weeks": {"type": "integer", "description": "distinct weeks of engagement paired"},
        "team_weeks": {"type": "integer", "description": "(team, week) pairs pooled"},
    },
}
HEATMAP_CELL = {
    "type": "object",
    "properties": {
        "driver": {"type": "string"},
        "score": NULLABLE_NUMBER,
        "respondents": {"type": ["integer", "null"]},
        "withheld": {"type": "boolean"},
        "withheld_reason": {"anyOf": [WITHHELD_REASON, {"type": "null"}]},
    },
}

READ_API_SCHEMAS = {
    "Team": {
        "type": "object",
        "required": ["id", "name", "parent_id", "depth"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "parent_id": {"type": ["integer", "null"]},
            "depth": {"type": "integer"},
        },
    },
    "TeamList": {"type": "object", "properties": {"teams": {"type": "array", "items": _ref("Team")}}},
    "TrendPoint": {
        "type": "object",
        "description": "One period. A withheld figure is null, listed in withheld_fields and given a "
        "reason in withheld_reasons.",
        "properties": {
            "period_start": DATE,
            "label": {"type": "string"},
            **{field: NULLABLE_NUMBER for field in TREND_FIELDS},
            **{
                field: NULLABLE_NUMBER | {"description": f"Percent (0-100). {help}"}
                for field, help in FIELD_HELP.items()
            },
            **{field: NULLABLE_NUMBER | {"description": help} for field, help in OUTCOME_FIELDS.items()},
            "withheld": {"type": "boolean", "description": "some figure of the period is withheld"},
            "withheld_fields": {"type": "array", "items": {"type": "string", "enum": list(TREND_FIELDS)}},
            "withheld_reasons": {
                "type": "object",
                "description": "each withheld field and why it is withheld",
                "propertyNames": {"enum": list(TREND_FIELDS)},
                "additionalProperties": WITHHELD_REASON,
            },
        },
    },
    "Trend": {
        "type": "object",
        "properties": {
            "team": TEAM_REF,
            "granularity": {"type": "string", "enum": ["day", "week", "month"]},
            "start": DATE,
            "end": DATE,
            "threshold": {"type": "integer"},
            "points": {"type": "array", "items": _ref("TrendPoint")},
        },
    },
    "Correlation": {
        "type": "object",
        "description": "Positive lag: engagement leads the outcome by that many periods of the pairing; "
        "negative: the outcome leads.",
        "properties": {
            "team": TEAM_REF,
            "start": DATE,
            "end": DATE,
            "outcome": {"type": "string", "enum": list(OUTCOMES)},
            "pairing": {"type": "string", "enum": list(PAIRINGS)},
            "verdict": {
                "type": "string",
                "enum": list(VERDICTS),
                "description": f"{VERDICT_RELATIONSHIP}: a lag survives both the correction for the lags "
                "tried (Holm) and the one across the teams compared (q under alpha); "
                f"{VERDICT_NOT_ENOUGH_EVIDENCE}: tested, nothing survives: a link weaker than "
                f"detectable_r may still be there; {VERDICT_NOT_ENOUGH}: fewer than min_periods "
                f"periods with both figures; {VERDICT_WITHHELD}: too few periods because the "
                "team's engagement is withheld by the anonymity rules (see withheld_reason).",
            },
            "withheld_reason": {
                "anyOf": [WITHHELD_REASON, {"type": "null"}],
                "description": "why engagement is mostly withheld (verdict withheld)",
            },
            "reading": {"type": "string"},
            "n_periods": {
                "type": "integer",
                "description": "periods with both engagement and the outcome shown",
            },
            "min_periods": {
                "type": "integer",
                "description": f"periods a lag needs to be tested ({MIN_PERIODS})",
            },
            "alpha": {"type": "number"},
            "best_lag": {"type": ["integer", "null"]},
            "q_value": {
                **NULLABLE_NUMBER,
                "description": "Benjamini-Hochberg q of the team's smallest Holm-adjusted p "
                "across the teams compared; null when nothing could be tested",
            },
            "teams_compared": {"type": "integer", "description": "teams with a test, in the q correction"},
            "detectable_r": {
                **NULLABLE_NUMBER,
                "description": "the smallest |r| these periods could show: at it, the best "
                "lag's Holm-adjusted p would reach alpha",
            },
            "lags": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "lag": {"type": "integer"},
                        "n": {"type": "integer"},
                        "n_eff": {"type": "number"},
                        "pearson": CORRELATION_FIGURES,
                        "spearman": CORRELATION_FIGURES,
                        "significant": {"type": "boolean"},
                    },
                },
            },
        },
    },
    "PooledCorrelation": {
        "type": "object",
        "description": "Each team's weekly engagement and outcome taken relative to the team's own mean "
        "and the week's mean across teams (team and week fixed effects), pooled; standard errors "
        "clustered by team, p-values from a wild cluster bootstrap, "
        "Holm-adjusted across lags. Positive lag: engagement leads the outcome by that many "
        "weeks. Only weeks shown under the anonymity rules take part.",
        "properties": {
            "team": TEAM_REF,
            "start": DATE,
            "end": DATE,
            "outcome": {"type": "string", "enum": list(OUTCOMES)},
            "verdict": {"type": "string", "enum": list(POOLED_VERDICTS)},
            "reading": {"type": "string"},
            "best_lag": {"type": ["integer", "null"]},
            "effect_per_10_points": NULLABLE_EFFECT,
            "ci_low": NULLABLE_EFFECT | {"description": "95% interval of the best lag's effect"},
            "ci_high": NULLABLE_EFFECT | {"description": "95% interval of the best lag's effect"},
            "teams": {"type": "integer", "description": "teams with enough weeks to be pooled"},
            "weeks": {"type": "integer", "description": "distinct weeks in which they have both figures"},
            "min_teams": {"type": "integer"},
            "min_team_weeks": {"type": "integer"},
            "alpha": {"type": "number"},
            "lags": {"type": "array", "items": POOLED_LAG},
        },
    },
    "Heatmap": {
        "type": "object",
        "properties": {
            "start": DATE,
            "end": DATE,
            "threshold": {"type": "integer"},
            "drivers": {"type": "array", "items": {"type": "string"}},
            "rows": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "team": TEAM_REF,
                        "engagement": HEATMAP_CELL,
                        "cells": {"type": "array", "items": HEATMAP_CELL},
                    },
                },
            },
        },
    },
    "Comments": {
        "type": "object",
        "properties": {
            "team": TEAM_REF,
            "start": DATE,
            "end": DATE,
            "threshold": {"type": "integer"},
            "withheld": {"type": "boolean", "description": "no month's group reaches the comment threshold"},
            "withheld_months": {
                "type": "array",
                "items": {"type": "string"},
                "description": "months (YYYY-MM) held back: under the comment threshold",
            },
            "comments": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "kind": {"type": "string", "enum": list(KINDS)},
                        "text": {"type": "string"},
                        "driver": {"type": "string"},
                        "month": {"type": "string", "description": "YYYY-MM"},
                        "question": {
                            "type": ["string", "null"],
                            "description": "the open question an open answer answers; null for a comment",
                        },
                    },
                },
            },
            "kind": {"type": ["string", "null"], "description": "the kind filter given, if any"},
            "driver": {"type": ["string", "null"], "description": "the driver filter given, if any"},
            "by_driver": {
                "type": "array",
                "description": "comments and open answers per driver in the shown months, unfiltered",
                "items": {
                    "type": "object",
                    "properties": {
                        "driver": {"type": "string"},
                        "comments": {"type": "integer"},
                        "open_answers": {"type": "integer"},
                    },
                },
            },
            "page": {"type": "integer"},
            "pages": {"type": "integer"},
            "per_page": {"type": "integer"},
            "total": {"type": "integer", "description": "comments (of the filter) on every page"},
        },
    },
}
