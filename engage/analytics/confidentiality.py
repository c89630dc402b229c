"""Withholding figures that could single out a person.

A survey figure (engagement, a driver, eNPS, participation) is withheld when fewer than
`threshold` people answered, and a parent's figure is withheld when taking away one child, or all
its children, would leave a group of 1 to threshold - 1 people (the difference would be theirs).
Customer ratings and kudos counts are not anonymous answers and are never withheld.
"""
import numpy as np
import pandas as pd

from engage.analytics.metrics import is_survey_metric


def withhold_small_groups(values: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Add `withheld`; survey rows with respondents under the threshold get value NaN."""
    out = values.copy()
    survey = out["metric"].map(is_survey_metric).astype(bool)
    out["withheld"] = survey & (out["respondents"] < threshold)
    out.loc[out["withheld"], "value"] = np.nan
    return out


def leaves_small_group(difference: pd.Series, threshold: int) -> pd.Series:
    return (difference >= 1) & (difference < threshold)


def withhold_differences(
    values: pd.DataFrame, children: dict[int, list[int]], threshold: int
) -> pd.DataFrame:
    """Withhold parent rows whose respondents minus a child's (or all children's) is 1..threshold-1.

    values: scope, period_start, metric, value, respondents (+ withheld); children: scope -> child scopes.
    """
    out = values.copy()
    if "withheld" not in out:
        out["withheld"] = False
    pairs = pd.DataFrame([(p, c) for p, kids in children.items() for c in kids], columns=["scope", "child"])
    if pairs.empty or out.empty:
        return out
    survey = out[out["metric"].map(is_survey_metric).astype(bool)]
    child_counts = survey[["scope", "period_start", "metric", "respondents"]].rename(
        columns={"scope": "child", "respondents": "child_respondents"}
    )
    keys = ["scope", "period_start", "metric"]
    joined = survey[keys + ["respondents"]].merge(pairs, on="scope").merge(
        child_counts, on=["child", "period_start", "metric"], how="left"
    )
    joined["child_respondents"] = joined["child_respondents"].fillna(0)
    joined["one"] = leaves_small_group(joined["respondents"] - joined["child_respondents"], threshold)
    flags = joined.groupby(keys).agg(
        one=("one", "any"), respondents=("respondents", "first"), children=("child_respondents", "sum")
    )
    flags["all"] = leaves_small_group(flags["respondents"] - flags["children"], threshold)
    risky = flags[flags["one"] | flags["all"]].reset_index()[keys].assign(risky=True)
    out = out.merge(risky, on=keys, how="left")
    mask = out["risky"].eq(True)
    out.loc[mask, "withheld"] = True
    out.loc[mask, "value"] = np.nan
    return out.drop(columns="risky")


def confidential(values: pd.DataFrame, children: dict[int, list[int]], threshold: int) -> pd.DataFrame:
    """Both rules: small groups, then differences between parents and children."""
    return withhold_differences(withhold_small_groups(values, threshold), children, threshold)
