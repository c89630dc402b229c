"""A served team's weekly internal service score, and the same ratings per front-line team for the lag test.

The score is the mean rating on engagement's 0-100 scale (1 = 0, 2 = 25, ... 5 = 100). A week is shown
only when at least the anonymity threshold of distinct people rated the team; scores per front-line team
are never shown (so no shown figure minus another isolates a small team's raters) and enter the lag test
only in weeks in which that team's own raters reach the threshold.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
import sqlalchemy as sa

from engage.extensions import db
from engage.models import PulseDelivery, PulseResponse

TOO_FEW_RATERS = "too_few_raters"
COLUMNS = ["week", "rater_team", "rater", "score"]


@dataclass(frozen=True)
class WeekScore:
    """raters 0: nobody rated the team that week (not asked, or nobody answered); score and raters are
    None when withheld, and withheld names the reason."""

    week: date
    score: float | None
    raters: int | None
    withheld: str | None


def answers_about(served_team_id: int, first: date, last: date, *columns) -> sa.Select:
    """These columns of the answers rating the team in the weeks first..last (Mondays)."""
    return (
        sa.select(*columns)
        .select_from(PulseDelivery)
        .join(PulseResponse, PulseResponse.delivery_id == PulseDelivery.id)
        .where(
            PulseDelivery.served_team_id == served_team_id,
            PulseDelivery.pulse_date >= first,
            PulseDelivery.pulse_date < last + timedelta(days=7),
        )
    )


def ratings(served_team_id: int, first: date, last: date) -> pd.DataFrame:
    """The team's ratings in the weeks first..last (Mondays): week, rater_team, rater, score (0-100)."""
    rater = (PulseResponse.team_id, PulseResponse.employee_id, PulseResponse.score)
    rows = db.session.execute(
        answers_about(served_team_id, first, last, PulseDelivery.pulse_date, *rater)
    ).all()
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["week"] = [day - timedelta(days=day.weekday()) for day in frame["week"]]
    frame["score"] = (frame["score"].astype(float) - 1) * 25
    return frame


def weekly_scores(frame: pd.DataFrame, first: date, last: date, threshold: int) -> list[WeekScore]:
    """Every week first..last, the score shown only when threshold distinct people or more rated."""
    by_week = frame.groupby("week").agg(score=("score", "mean"), raters=("rater", "nunique"))
    weeks = []
    week = first
    while week <= last:
        raters = int(by_week.at[week, "raters"]) if week in by_week.index else 0
        if raters == 0:
            weeks.append(WeekScore(week, None, 0, None))
        elif raters >= threshold:
            weeks.append(WeekScore(week, round(float(by_week.at[week, "score"]), 1), raters, None))
        else:
            weeks.append(WeekScore(week, None, None, TOO_FEW_RATERS))
        week += timedelta(weeks=1)
    return weeks


def scores_by_rater_team(frame: pd.DataFrame, threshold: int) -> dict[int, pd.Series]:
    """Per front-line team, its people's weekly score of the served team, in weeks with threshold raters."""
    rated = frame.dropna(subset=["rater_team"])
    grouped = rated.groupby(["rater_team", "week"]).agg(score=("score", "mean"), raters=("rater", "nunique"))
    enough = grouped[grouped["raters"] >= threshold]
    series = {}
    for team, rows in enough.groupby(level="rater_team"):
        weeks = rows.index.get_level_values("week")
        series[int(team)] = pd.Series(rows["score"].to_numpy(), index=pd.Index(weeks, name="period_start"))
    return series
