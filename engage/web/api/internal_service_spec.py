"""OpenAPI description of the internal service endpoint."""

from engage.analytics.pooled import VERDICTS
from engage.internal_service.figures import TOO_FEW_RATERS
from engage.web.api.spec import DATE, END, POOLED_LAG, START, TEAM_ID_PATH, _get

NULLABLE_NUMBER = {"type": ["number", "null"]}
EFFECT = NULLABLE_NUMBER | {"description": "CSAT % points per 10 points of the front-line team's rating"}

INTERNAL_SERVICE_PATHS = {
    "/api/v1/teams/{team_id}/internal-service": _get(
        "How well the team serves the front line: its weekly internal service score (front-line people's "
        "1-5 ratings, as 0-100), withheld in weeks rated by fewer people than the anonymity threshold, and "
        "whether front-line teams' CSAT follows their ratings of it (pooled across them, lags -8..+8 weeks).",
        "InternalService",
        [TEAM_ID_PATH, START, END],
        not_found=True,
    ),
}
INTERNAL_SERVICE_SCHEMAS = {
    "InternalService": {
        "type": "object",
        "properties": {
            "team": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
            "serves_front_line": {"type": "boolean", "description": "marked as serving the front line now"},
            "start": DATE,
            "end": DATE,
            "min_raters": {"type": "integer", "description": "distinct raters a week needs to be shown"},
            "weeks": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "week": DATE,
                        "score": NULLABLE_NUMBER | {"description": "mean rating, 1 = 0 ... 5 = 100"},
                        "raters": {
                            "type": ["integer", "null"],
                            "description": "distinct people who rated the team; 0: not rated that week "
                            "(served teams take turns); null when withheld",
                        },
                        "withheld": {"type": "boolean"},
                        "withheld_reason": {"type": ["string", "null"], "enum": [TOO_FEW_RATERS, None]},
                    },
                },
            },
            "min_commenters": {
                "type": "integer",
                "description": "distinct raters a month needs for its comments to be shown",
            },
            "comments": {
                "type": "array",
                "description": "Months with comments, newest first; text only, no names or dates.",
                "items": {
                    "type": "object",
                    "properties": {
                        "month": {"type": "string", "description": "YYYY-MM"},
                        "comments": {"type": "array", "items": {"type": "string"}},
                        "withheld": {"type": "boolean", "description": "fewer raters than min_commenters"},
                    },
                },
            },
            "against_csat": {
                "type": "object",
                "description": "Each front-line team's weekly rating of this team against the same team's "
                "CSAT %, relative to the team's own mean and the week's mean (team and week fixed effects), "
                "pooled; wild cluster bootstrap by team, Holm-adjusted across lags. Positive lag: the rating "
                "leads CSAT. Only weeks in which the front-line team's raters reach the threshold take part.",
                "properties": {
                    "verdict": {"type": "string", "enum": list(VERDICTS)},
                    "reading": {"type": "string"},
                    "best_lag": {"type": ["integer", "null"]},
                    "effect_per_10_points": EFFECT,
                    "ci_low": EFFECT,
                    "ci_high": EFFECT,
                    "teams": {"type": "integer", "description": "front-line teams with enough weeks"},
                    "weeks": {"type": "integer"},
                    "min_teams": {"type": "integer"},
                    "min_team_weeks": {"type": "integer"},
                    "alpha": {"type": "number"},
                    "lags": {"type": "array", "items": POOLED_LAG},
                },
            },
        },
    },
}
