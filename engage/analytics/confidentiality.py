"""Withholding figures that could single out a person.

A survey figure (engagement, a driver, eNPS, participation) of a group is shown only when at least
`threshold` people answered and no combination of the figures shown for its sub-teams can be
subtracted from it to leave a group of 1 to threshold - 1 people. Working up from the deepest
teams: what can be subtracted from a group is, for each direct sub-team, the whole sub-team if it
is shown, or else what can be subtracted from it in turn; the rest (its own members and the people
of withheld sub-teams that nothing shown covers) must be 0 or at least the threshold.
Customer ratings and kudos counts are not anonymous answers and are never withheld.
"""
import numpy as np
import pandas as pd

from engage.analytics.metrics import survey_rows


def leaves_small_group(size, threshold: int):
    """1..threshold-1 people: a group small enough to single someone out (works on arrays too)."""
    return (size >= 1) & (size < threshold)


def withhold_small_groups(values: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Add `withheld`; survey rows with respondents under the threshold get value NaN."""
    out = values.copy()
    out["withheld"] = survey_rows(out["metric"]) & (out["respondents"] < threshold)
    out.loc[out["withheld"], "value"] = np.nan
    return out


def _post_order(roots: list[int], children: dict[int, list[int]]) -> list[int]:
    order, seen = [], set()

    def visit(scope: int) -> None:
        if scope in seen:
            return
        seen.add(scope)
        for child in children.get(scope, []):
            visit(child)
        order.append(scope)

    for root in roots:
        visit(root)
    return order


def confidential(values: pd.DataFrame, children: dict[int, list[int]], threshold: int) -> pd.DataFrame:
    """Add `withheld` and blank withheld values (see the module docstring).

    values: scope, period_start, metric, value, respondents, with the survey rows of every sub-team
    of the scopes that matter; children: scope -> its direct sub-teams.
    """
    out = withhold_small_groups(values, threshold)
    survey = out[survey_rows(out["metric"])]
    if survey.empty:
        return out
    counts = survey.pivot_table(index=["period_start", "metric"], columns="scope", values="respondents",
                                aggfunc="max").fillna(0)
    zeros = np.zeros(len(counts))
    shown: dict[int, np.ndarray] = {}
    covered: dict[int, np.ndarray] = {}
    for scope in _post_order(sorted(set(survey["scope"])), children):
        people = counts[scope].to_numpy(dtype=float) if scope in counts.columns else zeros
        coverable = sum((covered[c] for c in children.get(scope, []) if c in covered), zeros)
        rest = np.maximum(people - coverable, 0)
        shown[scope] = (people >= threshold) & ~leaves_small_group(rest, threshold)
        covered[scope] = np.where(shown[scope], people, coverable)
    flags = pd.DataFrame(shown, index=counts.index).rename_axis(columns="scope").stack()
    flags = flags.rename("shown").reset_index()
    out = out.merge(flags, on=["period_start", "metric", "scope"], how="left")
    hide = out["shown"].eq(False)
    out.loc[hide, "withheld"] = True
    out.loc[hide, "value"] = np.nan
    return out.drop(columns="shown")
