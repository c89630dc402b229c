"""What front-line people wrote with their ratings of a served team: month by month, text only, and only
in months in which at least the comment threshold of distinct people rated the team."""

from dataclasses import dataclass
from datetime import date

from engage.extensions import db
from engage.internal_service.figures import answers_about
from engage.models import PulseDelivery, PulseResponse


@dataclass(frozen=True)
class MonthComments:
    """withheld: fewer people rated the team that month than the comment threshold (texts then empty)."""

    month: str  # YYYY-MM
    texts: list[str]
    withheld: bool


def served_comments(served_team_id: int, first: date, last: date, threshold: int) -> list[MonthComments]:
    """Months of the weeks first..last (Mondays) with comments, newest first."""
    said = (PulseDelivery.pulse_date, PulseResponse.employee_id, PulseResponse.comment)
    rows = db.session.execute(answers_about(served_team_id, first, last, *said)).all()
    raters: dict[str, set[int]] = {}
    texts: dict[str, list[str]] = {}
    for day, rater, comment in rows:
        month = day.strftime("%Y-%m")
        raters.setdefault(month, set()).add(rater)
        if comment and comment.strip():
            texts.setdefault(month, []).append(comment.strip())
    return [
        MonthComments(month, sorted(texts[month]), False)
        if len(raters[month]) >= threshold
        else MonthComments(month, [], True)
        for month in sorted(texts, reverse=True)
    ]
