"""What an alert says: the team, the week and the shown figures against their usual range."""

from engage.alerts.detection import Detected
from engage.alerts.noise import BAND, Drop

WHAT = {
    "engagement_csat": "engagement and CSAT both fell beyond their usual week-to-week noise",
    "participation": "participation fell sharply",
}
FIGURES = {
    "engagement": ("engagement", ""),
    "csat_pct": ("CSAT", "% satisfied"),
    "participation": ("participation", "%"),
}


def _figure(metric: str, drop: Drop) -> str:
    name, unit = FIGURES[metric]
    band = BAND * drop.noise
    return f"{name} {drop.latest:.0f}{unit} (usually {drop.mean:.0f}{unit}, ±{band:.0f} is normal)"


def summary(found: Detected) -> str:
    """What happened, with the figures: stored with the alert and shown on the dashboard."""
    figures = "; ".join(_figure(metric, drop) for metric, drop in found.drops.items())
    return f"{WHAT[found.kind]} in the week of {found.week_start.isoformat()}: {figures}."


def slack_text(found: Detected, what: str) -> str:
    return f":warning: *{found.team_name}*: {what} Team figures only, as on the engage dashboard."
