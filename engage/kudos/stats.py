"""Kudos counts for the analytics: recognition per team per week."""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

import pandas as pd
import sqlalchemy as sa

from engage.extensions import db
from engage.models import Kudos, KudosRecipient

COLUMNS = ["team_id", "week_start", "given", "received"]


def kudos_counts_by_team_week(start: date, end: date) -> pd.DataFrame:
    """Kudos given (on the giver's team at the time) and received (on each recipient's team at the time)
    per team and week (week_start is the Monday), for kudos created from start to end inclusive (UTC)."""
    window = (
        Kudos.created_at >= datetime.combine(start, time.min),
        Kudos.created_at < datetime.combine(end + timedelta(days=1), time.min),
    )
    day = sa.func.date(Kudos.created_at)
    given = db.session.execute(
        sa.select(Kudos.giver_team_id, day, sa.func.count())
        .where(Kudos.giver_team_id.is_not(None), *window)
        .group_by(Kudos.giver_team_id, day)
    ).all()
    received = db.session.execute(
        sa.select(KudosRecipient.team_id, day, sa.func.count())
        .join(Kudos, KudosRecipient.kudos_id == Kudos.id)
        .where(KudosRecipient.team_id.is_not(None), *window)
        .group_by(KudosRecipient.team_id, day)
    ).all()
    counts = pd.concat([_weekly(given, "given"), _weekly(received, "received")], axis=1).fillna(0)
    if counts.empty:
        return pd.DataFrame(
            {
                "team_id": pd.Series(dtype="int64"),
                "week_start": pd.Series(dtype="object"),
                "given": pd.Series(dtype="int64"),
                "received": pd.Series(dtype="int64"),
            }
        )
    counts = counts.astype("int64").reset_index().sort_values(["team_id", "week_start"], ignore_index=True)
    return counts[COLUMNS]


def _weekly(rows: Sequence[sa.Row], name: str) -> pd.Series:
    """Daily counts (day as a date, or as ISO text on SQLite) summed into Monday-started weeks."""
    frame = pd.DataFrame(rows, columns=["team_id", "day", "n"])
    days = pd.to_datetime(frame["day"].astype(str))
    frame["week_start"] = (days - pd.to_timedelta(days.dt.day_of_week, unit="D")).dt.date
    frame["team_id"] = frame["team_id"].astype("int64")
    return frame.groupby(["team_id", "week_start"])["n"].sum().rename(name)
