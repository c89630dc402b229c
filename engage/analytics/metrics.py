"""Per team and period: the sums a rollup stores, and the figures computed from them.

Raw frames (one row each):
- responses: employee_id, team_id, pulse_date, driver, scale, score
- deliveries: employee_id, team_id, pulse_date, counted (sent or answered), answered
- ratings: team_id, rated_at, kind ('csat' | 'nps'), score (0-100), satisfied
- kudos_given / kudos_received: team_id, created_at
- tickets: team_id, solved_at, first_contact_resolved

A scope is a team with its sub-teams (given by `ancestors`: team id -> its ancestors, itself
included) or ORG_SCOPE, the whole organisation (rows without a team included).
"""

import numpy as np
import pandas as pd

from engage.analytics.periods import period_series

ORG_SCOPE = 0
STAT_COLUMNS = [
    "scope",
    "period_start",
    "metric",
    "n",
    "total",
    "respondents",
    "sent",
    "promoters",
    "detractors",
    "answered",
]
SURVEY_METRICS = ("engagement", "enps", "participation")
RESPONSE_RATE = "response_rate"  # computed from the participation rollup, withheld as participation is
ENPS_DRIVER = "enps"
INTERNAL_SERVICE = "internal_service"  # engage.models.pulses.INTERNAL_SERVICE


def likert_to_100(score: pd.Series) -> pd.Series:
    """1-5 answers on 0-100: 1 -> 0, 3 -> 50, 5 -> 100."""
    return (score.astype(float) - 1) * 25


def enps(scores: pd.Series) -> float:
    """Share of 9-10 minus share of 0-6, times 100."""
    scores = scores.dropna()
    if scores.empty:
        return float("nan")
    return float(((scores >= 9).mean() - (scores <= 6).mean()) * 100)


def is_survey_metric(metric: str) -> bool:
    return metric in SURVEY_METRICS or metric == RESPONSE_RATE or metric.startswith("driver:")


def survey_rows(metrics: pd.Series) -> pd.Series:
    """Which rows hold anonymous survey figures (vectorised is_survey_metric)."""
    return metrics.isin([m for m in metrics.unique() if is_survey_metric(m)])


def expand_scopes(frame: pd.DataFrame, ancestors: dict[int, list[int]]) -> pd.DataFrame:
    """One copy of each row per scope it counts in: every ancestor team of its team, and the organisation."""
    org = frame.assign(scope=ORG_SCOPE)
    pairs = pd.DataFrame(
        [(team, ancestor) for team, chain in ancestors.items() for ancestor in chain],
        columns=["team_id", "scope"],
    )
    teams = frame.dropna(subset=["team_id"]).astype({"team_id": int}).merge(pairs, on="team_id")
    return pd.concat([org, teams], ignore_index=True)


def _stats(grouped: pd.DataFrame, metric, **aggregations) -> pd.DataFrame:
    if grouped.empty:
        return pd.DataFrame(columns=STAT_COLUMNS)
    keys = ["scope", "period_start"] + (["metric"] if metric is None else [])
    out = grouped.groupby(keys, sort=False).agg(**aggregations).reset_index()
    if metric is not None:
        out["metric"] = metric
    return out


def stats_from_raw(
    responses: pd.DataFrame,
    deliveries: pd.DataFrame,
    ratings: pd.DataFrame,
    kudos_given: pd.DataFrame,
    kudos_received: pd.DataFrame,
    granularity: str,
    ancestors: dict[int, list[int]],
    tickets: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The rollup sums, computed from raw rows: the reference the SQL rollups must equal."""
    parts = []
    responses = expand_scopes(responses, ancestors)
    responses["period_start"] = period_series(responses["pulse_date"], granularity)
    # Internal service ratings are about another team: no part of engagement (engage.internal_service).
    rated = responses["driver"].isin([ENPS_DRIVER, INTERNAL_SERVICE])
    likert = responses[(responses["scale"] == "likert5") & ~rated].copy()
    likert["value"] = likert_to_100(likert["score"])
    parts.append(
        _stats(
            likert,
            "engagement",
            n=("value", "size"),
            total=("value", "sum"),
            respondents=("employee_id", "nunique"),
        )
    )
    likert["metric"] = "driver:" + likert["driver"]
    parts.append(
        _stats(
            likert, None, n=("value", "size"), total=("value", "sum"), respondents=("employee_id", "nunique")
        )
    )
    scores = responses[responses["driver"] == ENPS_DRIVER].assign(
        promoter=lambda f: (f["score"] >= 9).astype(int), detractor=lambda f: (f["score"] <= 6).astype(int)
    )
    parts.append(
        _stats(
            scores,
            "enps",
            n=("score", "size"),
            respondents=("employee_id", "nunique"),
            promoters=("promoter", "sum"),
            detractors=("detractor", "sum"),
        )
    )

    deliveries = expand_scopes(deliveries[deliveries["counted"]], ancestors)
    deliveries["period_start"] = period_series(deliveries["pulse_date"], granularity)
    deliveries["answerer"] = deliveries["employee_id"].where(deliveries["answered"])
    parts.append(
        _stats(
            deliveries,
            "participation",
            sent=("employee_id", "nunique"),
            respondents=("answerer", "nunique"),
            n=("employee_id", "size"),
            answered=("answered", "sum"),
        )
    )

    ratings = expand_scopes(ratings, ancestors)
    ratings["period_start"] = period_series(ratings["rated_at"], granularity)
    ratings["satisfied"] = ratings["satisfied"].astype(int)
    ratings["promoter"] = (ratings["score"] >= 90).astype(int)
    ratings["detractor"] = (ratings["score"] <= 60).astype(int)
    csat = ratings[ratings["kind"] == "csat"]
    parts.append(
        _stats(csat, "csat", n=("score", "size"), total=("score", "sum"), promoters=("satisfied", "sum"))
    )
    nps = ratings[ratings["kind"] == "nps"]
    parts.append(
        _stats(
            nps, "nps", n=("score", "size"), promoters=("promoter", "sum"), detractors=("detractor", "sum")
        )
    )

    if tickets is not None:
        tickets = expand_scopes(tickets, ancestors)
        tickets["period_start"] = period_series(tickets["solved_at"], granularity)
        tickets["resolved"] = tickets["first_contact_resolved"].astype(int)
        parts.append(_stats(tickets, "fcr", n=("resolved", "size"), promoters=("resolved", "sum")))

    for metric, kudos in (("kudos_given", kudos_given), ("kudos_received", kudos_received)):
        kudos = expand_scopes(kudos, ancestors)
        kudos["period_start"] = period_series(kudos["created_at"], granularity)
        parts.append(_stats(kudos, metric, n=("created_at", "size")))

    out = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    return normalise_stats(out)


def normalise_stats(stats: pd.DataFrame) -> pd.DataFrame:
    """Stat rows with every column filled, sorted: comparable whatever computed them."""
    stats = stats.reindex(columns=STAT_COLUMNS)
    for column in ("n", "respondents", "sent", "promoters", "detractors", "answered"):
        stats[column] = stats[column].fillna(0).astype(int)
    stats["total"] = stats["total"].fillna(0.0).astype(float)
    stats["scope"] = stats["scope"].astype(int)
    stats["period_start"] = pd.to_datetime(stats["period_start"]).dt.date
    return stats.sort_values(["scope", "period_start", "metric"]).reset_index(drop=True)


def metric_values(stats: pd.DataFrame) -> pd.DataFrame:
    """Figures from rollup sums: scope, period_start, metric, value, respondents, n.

    engagement and driver:* are mean 0-100 scores; enps and nps are -100..100; participation is
    the % of people sent a pulse who answered one, response_rate the % of pulses delivered that were
    answered (both from the participation row); csat_pct is the % of satisfied ratings and
    csat_mean their mean 0-100 score; fcr is the % of solved tickets resolved in their first contact;
    kudos_* are counts.
    """
    s = stats.copy()
    n = s["n"].astype(float).replace(0, np.nan)
    value = pd.Series(np.nan, index=s.index)
    mean_metrics = (s["metric"] == "engagement") | s["metric"].str.startswith("driver:")
    value[mean_metrics] = s["total"][mean_metrics] / n[mean_metrics]
    net = s["metric"].isin(["enps", "nps"])
    value[net] = (s["promoters"][net] - s["detractors"][net]) / n[net] * 100
    participation = s["metric"] == "participation"
    value[participation] = s["respondents"][participation] / s["sent"][participation].replace(0, np.nan) * 100
    resolved = s["metric"] == "fcr"
    value[resolved] = s["promoters"][resolved] / n[resolved] * 100
    kudos = s["metric"].str.startswith("kudos_")
    value[kudos] = s["n"][kudos].astype(float)
    s["value"] = value
    delivered = s[participation]
    response_rate = delivered.assign(
        metric=RESPONSE_RATE, value=delivered["answered"] / delivered["n"].replace(0, np.nan) * 100
    )
    csat = s[s["metric"] == "csat"]
    csat_pct = csat.assign(metric="csat_pct", value=csat["promoters"] / csat["n"].replace(0, np.nan) * 100)
    csat_mean = csat.assign(metric="csat_mean", value=csat["total"] / csat["n"].replace(0, np.nan))
    s.loc[s["metric"].isin(["nps", "fcr"]), "respondents"] = s["n"]
    out = pd.concat([s[s["metric"] != "csat"], response_rate, csat_pct, csat_mean], ignore_index=True)
    out.loc[out["metric"].isin(["csat_pct", "csat_mean"]), "respondents"] = out["n"]
    return out[["scope", "period_start", "metric", "value", "respondents", "n"]].reset_index(drop=True)
