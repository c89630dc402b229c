"""JSON of a served team's internal service (engage.internal_service)."""

from engage.internal_service.service import InternalService
from engage.web.api.serialise import pooled_lag


def internal_service(result: InternalService) -> dict:
    pooled = result.pooled
    best = pooled.best
    return {
        "team": {"id": result.team_id, "name": result.team_name},
        "serves_front_line": result.serves,
        "start": result.start.isoformat(),
        "end": result.end.isoformat(),
        "min_raters": result.threshold,
        "weeks": [
            {
                "week": week.week.isoformat(),
                "score": week.score,
                "raters": week.raters,
                "withheld": week.withheld is not None,
                "withheld_reason": week.withheld,
            }
            for week in result.weeks
        ],
        "min_commenters": result.comment_threshold,
        "comments": [
            {"month": month.month, "comments": month.texts, "withheld": month.withheld}
            for month in result.comments
        ],
        "against_csat": {
            "verdict": pooled.verdict,
            "reading": pooled.reading,
            "best_lag": best.lag if best else None,
            "effect_per_10_points": best.effect if best else None,
            "ci_low": best.ci_low if best else None,
            "ci_high": best.ci_high if best else None,
            "teams": pooled.teams,
            "weeks": pooled.weeks,
            "min_teams": pooled.min_teams,
            "min_team_weeks": pooled.min_team_weeks,
            "alpha": pooled.alpha,
            "lags": [pooled_lag(lag) for lag in pooled.lags],
        },
    }
