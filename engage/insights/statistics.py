"""Engagement against CSAT: lagged correlation, cross-team comparison, before/after."""
from datetime import date

from engage.auth.access import Principal
from engage.insights.types import BeforeAfter, CrossTeamRow, TeamCorrelation


def team_correlation(principal: Principal, team_id: int, start: date, end: date) -> TeamCorrelation:
    """Weekly engagement against weekly CSAT% at lags -8..+8 weeks; withheld weeks are left out."""
    raise NotImplementedError


def cross_team(principal: Principal, start: date, end: date) -> list[CrossTeamRow]:
    """Every visible team's best lag and strength; reliable relationships first, strongest first."""
    raise NotImplementedError


def before_after(principal: Principal, team_id: int | None, pivot: date, weeks: int = 12) -> BeforeAfter:
    """Weekly engagement and CSAT% in the `weeks` weeks before the pivot's week against the weeks after."""
    raise NotImplementedError
