"""What the insights service returns: plain frozen dataclasses, ready for pages, API and exports."""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from engage.analytics.compare import Comparison
from engage.analytics.correlation import LagAnalysis

Granularity = Literal["day", "week", "month"]


class UnknownTeam(LookupError):
    """No team with that id."""


class InsightsInputError(ValueError):
    """A parameter is not usable (bad granularity, start after end...); the message says what to fix."""


@dataclass(frozen=True)
class TeamInfo:
    id: int
    name: str
    parent_id: int | None
    depth: int


@dataclass(frozen=True)
class TrendPoint:
    """One period of a trend. Survey figures are None when withheld (named in withheld_fields, with the
    reason code of each in withheld_reasons).

    participation: % of the people sent a pulse in the period who answered at least one;
    response_rate: % of the pulses delivered in the period that were answered; fcr: % of the tickets
    solved in the period that were resolved in their first contact. ratings counts CSAT ratings,
    nps_ratings NPS ratings, tickets solved tickets.
    """

    period_start: date
    label: str
    engagement: float | None
    participation: float | None
    response_rate: float | None
    enps: float | None
    csat_pct: float | None
    csat_mean: float | None
    nps: float | None
    fcr: float | None
    kudos_given: int
    kudos_received: int
    respondents: int | None
    ratings: int
    nps_ratings: int
    tickets: int
    withheld: bool
    withheld_fields: tuple[str, ...] = ()
    withheld_reasons: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Trend:
    """team_id None is the whole organisation."""

    team_id: int | None
    team_name: str
    granularity: Granularity
    start: date
    end: date
    threshold: int
    points: list[TrendPoint] = field(default_factory=list)


@dataclass(frozen=True)
class HeatmapCell:
    driver: str
    score: float | None
    respondents: int | None
    withheld: bool
    withheld_reason: str | None = None


@dataclass(frozen=True)
class HeatmapRow:
    """team_id None is the whole organisation."""

    team_id: int | None
    team_name: str
    engagement: HeatmapCell
    cells: list[HeatmapCell]


@dataclass(frozen=True)
class Heatmap:
    start: date
    end: date
    drivers: list[str]
    threshold: int
    rows: list[HeatmapRow]


@dataclass(frozen=True)
class CrossTeamRow:
    """A team's verdict and best lag against the outcome (a key of insights.outcomes.OUTCOMES); q_value
    also accounts for the number of teams compared (false discovery rate); withheld_reason says why a
    `withheld` team's engagement is."""

    team_id: int
    team_name: str
    pairing: str
    verdict: str
    reading: str
    n_periods: int
    teams_compared: int
    q_value: float | None = None
    detectable_r: float | None = None
    best_lag: int | None = None
    r: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_adjusted: float | None = None
    withheld_reason: str | None = None
    outcome: str = "csat_pct"


@dataclass(frozen=True)
class TeamCorrelation:
    """Every lag's figures (analysis) and the verdict shared with the cross-team table (row), against the
    outcome (a key of insights.outcomes.OUTCOMES)."""

    team_id: int
    team_name: str
    start: date
    end: date
    analysis: LagAnalysis
    row: CrossTeamRow
    outcome: str = "csat_pct"


@dataclass(frozen=True)
class BeforeAfter:
    team_id: int | None
    team_name: str
    pivot: date
    engagement: Comparison
    csat_pct: Comparison


@dataclass(frozen=True)
class Comment:
    text: str
    driver: str
    month: str
    # The answer it belongs to, for replies (engage/conversations); never sent in an API answer.
    response_id: int = field(default=0, compare=False, repr=False)
    question: str | None = None  # an open question's text: the comment is its answer in words

    @property
    def kind(self) -> str:
        return "comment" if self.question is None else "open_answer"


@dataclass(frozen=True)
class DriverCount:
    """How many comments and open answers of a driver a Comments page holds (every page, no filter)."""

    driver: str
    comments: int
    open_answers: int


@dataclass(frozen=True)
class Comments:
    """One page of a group's comments and open answers, newest month first: a month whose group is under
    the comment threshold is held back (listed in withheld_months); withheld is True when no month can be
    shown. total counts those of every page that match the kind and driver filter; by_driver counts all
    of the shown months, whatever the filter."""

    team_id: int | None
    team_name: str
    start: date
    end: date
    threshold: int
    withheld: bool
    comments: list[Comment]
    withheld_months: tuple[str, ...] = ()
    total: int = 0
    page: int = 1
    per_page: int = 50
    kind: str = ""  # "comment", "open_answer" or "" (both)
    driver: str = ""  # "": every driver
    by_driver: tuple[DriverCount, ...] = ()

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))
