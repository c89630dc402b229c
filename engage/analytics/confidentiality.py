"""Withholding figures that could single out a person.

A survey figure (engagement, a driver, eNPS, participation) is withheld when fewer than
`threshold` people answered, and a parent's figure is withheld when taking away any one sub-team
(at any depth), or all its direct sub-teams together, would leave a group of 1 to threshold - 1
people (the difference would be theirs).
Customer ratings and kudos counts are not anonymous answers and are never withheld.
"""
import numpy as np
import pandas as pd

from engage.analytics.metrics import survey_rows


def withhold_small_groups(values: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Add `withheld`; survey rows with respondents under the threshold get value NaN."""
    out = values.copy()
    survey = survey_rows(out["metric"])
    out["withheld"] = survey & (out["respondents"] < threshold)
    out.loc[out["withheld"], "value"] = np.nan
    return out


def leaves_small_group(difference: pd.Series, threshold: int) -> pd.Series:
    return (difference >= 1) & (difference < threshold)


def withhold_differences(
    values: pd.DataFrame, descendants: dict[int, list[int]], children: dict[int, list[int]], threshold: int
) -> pd.DataFrame:
    """Withhold parent rows whose respondents minus a descendant's, or minus all its children's, is
    1..threshold-1.

    values: scope, period_start, metric, value, respondents (+ withheld), descendants' rows included;
    descendants / children: scope -> every sub-team / direct sub-teams.
    """
    out = values.copy()
    if "withheld" not in out:
        out["withheld"] = False
    keys = ["scope", "period_start", "metric"]
    survey = out[survey_rows(out["metric"])][keys + ["respondents"]]
    if survey.empty:
        return out
    counts = survey.rename(columns={"scope": "sub", "respondents": "sub_respondents"})

    def subtract(mapping: dict[int, list[int]]) -> pd.DataFrame:
        pairs = pd.DataFrame([(p, c) for p, subs in mapping.items() for c in subs], columns=["scope", "sub"])
        joined = survey.merge(pairs, on="scope")
        joined = joined.merge(counts, on=["sub", "period_start", "metric"], how="left")
        joined["sub_respondents"] = joined["sub_respondents"].fillna(0)
        return joined

    one = subtract(descendants)
    one = one[leaves_small_group(one["respondents"] - one["sub_respondents"], threshold)][keys]
    every = subtract(children).groupby(keys).agg(
        respondents=("respondents", "first"), sub_respondents=("sub_respondents", "sum")
    ).reset_index()
    every = every[leaves_small_group(every["respondents"] - every["sub_respondents"], threshold)][keys]
    risky = pd.concat([one, every]).drop_duplicates().assign(risky=True)
    out = out.merge(risky, on=keys, how="left")
    mask = out["risky"].eq(True)
    out.loc[mask, "withheld"] = True
    out.loc[mask, "value"] = np.nan
    return out.drop(columns="risky")


def confidential(
    values: pd.DataFrame, descendants: dict[int, list[int]], children: dict[int, list[int]], threshold: int
) -> pd.DataFrame:
    """Both rules: small groups, then differences between a group and its sub-groups."""
    return withhold_differences(withhold_small_groups(values, threshold), descendants, children, threshold)
