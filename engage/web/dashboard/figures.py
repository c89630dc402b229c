"""Pick figures out of insights results for cards, tables and charts; no statistics here."""

from bisect import bisect_right
from dataclasses import asdict, dataclass
from itertools import pairwise

from engage.analytics.confidentiality import REVEALS_SMALLER, TOO_FEW
from engage.analytics.correlation import (
    VERDICT_NOT_ENOUGH,
    VERDICT_NOT_ENOUGH_EVIDENCE,
    VERDICT_RELATIONSHIP,
    VERDICT_WITHHELD,
    LagAnalysis,
)
from engage.analytics.shifts import MIN_CELL_RATINGS, MIN_SHIFT_RATINGS, SHIFTS
from engage.insights.outcomes import Outcome
from engage.insights.types import CrossTeamRow, Trend, TrendPoint

SURVEY_FIELDS = ("respondents", "engagement", "participation", "response_rate", "enps")
KUDOS_FIELDS = ("kudos_given", "kudos_received")
TREND_FIELDS = (
    *SURVEY_FIELDS,
    "csat_pct",
    "csat_mean",
    "nps",
    "ratings",
    *KUDOS_FIELDS,
    "fcr",
    "nps_ratings",
    "tickets",
)

FIELD_HELP = {
    "participation": "Of the people sent a pulse in the period, the share who answered at least one.",
    "response_rate": "Of all the pulses delivered in the period, the share that were answered.",
}


# Lower bounds of the score bands 1-4 (heat-1 .. heat-4 in dashboard.css); band 0 is under the first.
HEAT_BANDS = (40, 55, 65, 75)

EXPORTED_REASONS = {TOO_FEW: "too few respondents", REVEALS_SMALLER: "would reveal a smaller group"}


@dataclass(frozen=True)
class Figure:
    value: float | None
    withheld: bool
    period: str | None
    reason: str | None = None


def is_withheld(point: TrendPoint, field: str) -> bool:
    return field in point.withheld_fields or (field == "respondents" and point.withheld)


def withheld_reason(point: TrendPoint, field: str) -> str | None:
    """TOO_FEW or REVEALS_SMALLER for a withheld figure (respondents: as participation's), else None."""
    if not is_withheld(point, field):
        return None
    reasons = point.withheld_reasons
    if field == "respondents":
        return reasons.get("participation") or next(iter(reasons.values()), None)
    return reasons.get(field)


def withheld_note(reason: str | None, threshold: int) -> str:
    """Why a figure is withheld, in words, without a count that would give it away."""
    if reason == REVEALS_SMALLER:
        return "would reveal a smaller group"
    return f"fewer than {threshold} respondents"


def heat_band(score: float) -> int:
    """The colour band of a 0-100 score: 0 (under 40) to 4 (75 and over)."""
    return bisect_right(HEAT_BANDS, score)


def heat_legend() -> list[tuple[int, str]]:
    """Each band with the scores it holds, as the heatmap's legend reads."""
    bounds = [None, *HEAT_BANDS, None]
    labels = [
        f"under {high}" if low is None else f"{low}+" if high is None else f"{low}-{high - 1}"
        for low, high in pairwise(bounds)
    ]
    return list(enumerate(labels))


def shown(point: TrendPoint, field: str) -> float | None:
    """The value as it may be shown: None when withheld."""
    return None if is_withheld(point, field) else getattr(point, field)


def export_fields(outcome: Outcome) -> tuple[str, ...]:
    """The export's figures: the survey's, the outcome chosen and its count, kudos."""
    return (*SURVEY_FIELDS, outcome.key, outcome.count, *KUDOS_FIELDS)


def exported(point: TrendPoint, field: str) -> object:
    if is_withheld(point, field):
        reason = EXPORTED_REASONS.get(withheld_reason(point, field) or TOO_FEW, EXPORTED_REASONS[TOO_FEW])
        return f"withheld ({reason})"
    return getattr(point, field)


def latest(trend: Trend, field: str) -> Figure:
    """The figure of the last period that has one (or withheld one)."""
    for point in reversed(trend.points):
        if is_withheld(point, field):
            return Figure(None, True, point.label, withheld_reason(point, field))
        if getattr(point, field) is not None:
            return Figure(getattr(point, field), False, point.label)
    return Figure(None, False, None)


def total(trend: Trend, field: str) -> int:
    return sum(getattr(point, field) or 0 for point in trend.points)


def trend_chart(trend: Trend, series: list[tuple[str, str, str]]) -> dict:
    """Chart data for dashboard.js: series are (field, label, axis) with axes 'score' (left) and 'pct'."""
    axes = {
        "score": {"title": "Engagement (0-100)", "min": 0, "max": 100, "position": "left"},
        "pct": {"title": "%", "min": 0, "max": 100, "position": "right"},
        "net": {"title": "NPS", "min": -100, "max": 100, "position": "right"},
    }
    labels_by_axis: dict[str, list[str]] = {}
    for _, label, axis in series:
        labels_by_axis.setdefault(axis, []).append(label)
    return {
        "labels": [point.label for point in trend.points],
        "threshold": trend.threshold,
        # An axis with one series is titled by it; the percent axis of several says only "%".
        "axes": {
            name: axis | ({"title": labels[0]} if len(labels) == 1 else {})
            for name, axis in axes.items()
            if (labels := labels_by_axis.get(name))
        },
        "series": [
            {"key": field, "label": label, "axis": axis, "values": [shown(p, field) for p in trend.points]}
            for field, label, axis in series
        ],
    }


CORRELATION_COLUMNS = [
    "team",
    "pairing",
    "verdict",
    "withheld_reason",
    "best_lag",
    "r",
    "ci_low",
    "ci_high",
    "p_adjusted",
    "q_value",
    "teams_compared",
    "detectable_r",
    "n_periods",
    "reading",
    "outcome",
]
VERDICT_LABELS = {
    VERDICT_RELATIONSHIP: "relationship",
    VERDICT_NOT_ENOUGH_EVIDENCE: "not enough evidence yet",
    VERDICT_NOT_ENOUGH: "not enough data",
    VERDICT_WITHHELD: "withheld",
}


def correlation_cells(row: CrossTeamRow) -> list:
    """A cross-team row as CSV cells, in CORRELATION_COLUMNS order."""
    values = asdict(row) | {"team": row.team_name}
    return [values[column] for column in CORRELATION_COLUMNS]


def correlation_chart(analysis: LagAnalysis, best_lag: int | None, outcome: Outcome) -> dict:
    """r and its 95% interval at each lag tested, the best lag (if the verdict names one) highlighted."""
    return {
        "lags": [result.lag for result in analysis.lags],
        "r": [round(result.pearson.r, 4) for result in analysis.lags],
        "ci": [[round(lag.pearson.ci_low, 4), round(lag.pearson.ci_high, 4)] for lag in analysis.lags],
        "best_lag": best_lag,
        "x_title": f"lag in {analysis.pairing}s (+ engagement leads {outcome.name}, - {outcome.name} leads "
        "engagement)",
    }


# Colour bands of the service-hours heatmap: customer outcomes sit higher than engagement scores.
SERVICE_BANDS = {"pct": (60, 70, 80, 90), "net": (0, 20, 40, 60)}


def service_band(value: float, axis: str) -> int:
    """0 (lowest) to 4 (highest): the heat-N class of an outcome figure on its axis."""
    return bisect_right(SERVICE_BANDS[axis], value)


def _band_labels(bounds: tuple[int, ...]) -> list[str]:
    middle = [f"{low}-{high - 1}" for low, high in zip(bounds, bounds[1:], strict=False)]
    return [f"under {bounds[0]}", *middle, f"{bounds[-1]}+"]


SERVICE_HOURS_CONTEXT = {
    "min_cell": MIN_CELL_RATINGS,
    "min_shift": MIN_SHIFT_RATINGS,
    "shift_names": {shift.key: shift.label for shift in SHIFTS},
    "bands": {axis: _band_labels(bounds) for axis, bounds in SERVICE_BANDS.items()},
    "interval_note": {
        "csat_pct": "Newcombe's hybrid score interval, from the two shifts' Wilson intervals",
        "fcr": "Newcombe's hybrid score interval, from the two shifts' Wilson intervals",
        "csat_mean": "Welch's t interval",
        "nps": "Welch's t interval",
    },
}
