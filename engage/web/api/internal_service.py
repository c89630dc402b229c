"""JSON of a served team's internal service (engage.internal_service)."""

from engage.internal_service.service import InternalService
from engage.web.api.serialise import pooled_analysis


def internal_service(result: InternalService) -> dict:
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
        "against_csat": pooled_analysis(result.pooled),
    }
