"""The customer outcomes HR can set engagement against, on the dashboard, in the API and the export."""

from dataclasses import dataclass

from engage.insights.types import InsightsInputError


@dataclass(frozen=True)
class Outcome:
    key: str  # its trend field and figure metric
    label: str  # as a heading
    name: str  # within a sentence
    suffix: str  # after a figure
    axis: str  # its chart axis: "pct" (0 to 100) or "net" (-100 to 100)
    count: str  # the trend field counting what it is computed from
    stored: str  # the rollup metric it is computed from


OUTCOMES = {
    "csat_pct": Outcome("csat_pct", "CSAT % satisfied", "CSAT", "%", "pct", "ratings", "csat"),
    "csat_mean": Outcome("csat_mean", "Mean CSAT (0-100)", "mean CSAT", "", "pct", "ratings", "csat"),
    "nps": Outcome("nps", "NPS", "NPS", "", "net", "nps_ratings", "nps"),
    "fcr": Outcome(
        "fcr", "First-contact resolution %", "first-contact resolution", "%", "pct", "tickets", "fcr"
    ),
}
DEFAULT_OUTCOME = "csat_pct"


def outcome(key: str | None) -> Outcome:
    """The outcome named key (None: the default), or InsightsInputError."""
    found = OUTCOMES.get(key or DEFAULT_OUTCOME)
    if found is None:
        raise InsightsInputError(f"outcome must be one of {', '.join(OUTCOMES)}, not {key!r}")
    return found
