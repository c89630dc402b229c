"""Trends, heatmap, comments and the team list, read from the rollups."""
from datetime import date

from engage.auth.access import Principal
from engage.insights.types import Comments, Granularity, Heatmap, TeamInfo, Trend


def team_list(principal: Principal) -> list[TeamInfo]:
    """The teams the principal may see, parents before children, by name."""
    raise NotImplementedError


def org_trend(principal: Principal, start: date, end: date, granularity: Granularity = "week") -> Trend:
    """The whole organisation's trend (HR/admin); a manager gets PermissionError."""
    raise NotImplementedError


def team_trend(
    principal: Principal, team_id: int, start: date, end: date, granularity: Granularity = "week"
) -> Trend:
    """One team's trend, sub-teams included; UnknownTeam or PermissionError."""
    raise NotImplementedError


def driver_heatmap(principal: Principal, start: date, end: date) -> Heatmap:
    """Driver scores per visible team (and the organisation for HR) over whole weeks of the range."""
    raise NotImplementedError


def comments(principal: Principal, team_id: int | None, start: date, end: date) -> Comments:
    """Anonymous comments of a team (None: organisation) over whole months: text, driver, month only."""
    raise NotImplementedError
