"""Measures of the seeded demo's link between engagement and CSAT %, from the weekly rollups."""

from datetime import timedelta

import numpy as np
import pandas as pd
import sqlalchemy as sa

from engage.extensions import db
from engage.models import Team, TeamPeriodStat

LAGS = range(-8, 9)


def weekly_figures() -> pd.DataFrame:
    """Rows of (team_id, week, engagement 0-100, csat_pct) for each team without sub-teams, week by week."""
    parents = sa.select(Team.parent_id).where(Team.parent_id.is_not(None))
    rows = db.session.execute(
        sa.select(
            TeamPeriodStat.team_id,
            TeamPeriodStat.period_start,
            TeamPeriodStat.metric,
            TeamPeriodStat.n,
            TeamPeriodStat.total,
            TeamPeriodStat.promoters,
        ).where(
            TeamPeriodStat.granularity == "week",
            TeamPeriodStat.metric.in_(["engagement", "csat"]),
            TeamPeriodStat.team_id.is_not(None),
            TeamPeriodStat.team_id.not_in(parents),
            TeamPeriodStat.n > 0,
        )
    )
    frame = pd.DataFrame(rows.all(), columns=["team_id", "week", "metric", "n", "total", "promoters"])
    frame["value"] = np.where(frame["metric"] == "engagement", frame["total"], frame["promoters"] * 100)
    frame["value"] /= frame["n"]
    wide = frame.pivot_table(index=["team_id", "week"], columns="metric", values="value").reset_index()
    return wide.rename(columns={"csat": "csat_pct"}).dropna()


def lagged_pairs(weekly: pd.DataFrame, lag: int) -> pd.DataFrame:
    """Each team's engagement in a week beside its CSAT % `lag` weeks later."""
    later = weekly[["team_id", "week", "csat_pct"]].assign(week=weekly["week"] - timedelta(weeks=lag))
    return weekly[["team_id", "week", "engagement"]].merge(later, on=["team_id", "week"])


def team_correlations(weekly: pd.DataFrame, lag: int) -> pd.Series:
    pairs = lagged_pairs(weekly, lag)
    return pairs.groupby("team_id").apply(lambda team: team["engagement"].corr(team["csat_pct"]))


def pooled_correlation(weekly: pd.DataFrame, lag: int) -> float:
    """The correlation across teams of each team's weeks taken relative to its own means."""
    pairs = lagged_pairs(weekly, lag)
    figures = pairs[["engagement", "csat_pct"]]
    within = figures - figures.groupby(pairs["team_id"]).transform("mean")
    return float(within["engagement"].corr(within["csat_pct"]))
