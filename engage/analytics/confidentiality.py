"""Withholding figures that could single out a person.

A survey figure (engagement, a driver, eNPS, participation) of a group is withheld when fewer than
`threshold` people answered (TOO_FEW). The figures shown must also never be combinable into a group
of 1 to threshold - 1 people: for every shown group, what is left of it once the shown groups
below it are subtracted (its remainder: its own members and those of withheld sub-teams that
nothing shown covers) must be 0 or at least the threshold. Every group that can be worked out from
shown figures is then a sum of such remainders, so it is 0 or at least the threshold too.

When a remainder is too small, the parent stays shown and sub-team figures are withheld instead
(secondary suppression, REVEALS_SMALLER): the smallest shown group below it first, again until the
remainder is large enough. Parents are judged before their sub-teams, so larger groups win: a group
of at least the threshold is withheld only to keep a remainder of a larger group above it safe. The
decision depends on every group's count, so it is made once for the whole tree and is the same for
every viewer; a viewer who sees part of the tree sees fewer figures of the same safe set.
Customer ratings and kudos counts are not anonymous answers and are never withheld.
"""

import numpy as np
import pandas as pd

from engage.analytics.metrics import survey_rows

TOO_FEW = "too_few_respondents"
REVEALS_SMALLER = "would_reveal_smaller_group"


def leaves_small_group(size, threshold: int):
    """1..threshold-1 people: a group small enough to single someone out (works on arrays too)."""
    return (size >= 1) & (size < threshold)


def withhold_small_groups(values: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Add `withheld`; survey rows with respondents under the threshold get value NaN."""
    out = values.copy()
    out["withheld"] = survey_rows(out["metric"]) & (out["respondents"] < threshold)
    out.loc[out["withheld"], "value"] = np.nan
    return out


class _Suppression:
    """Shown flags of every group, one entry per column (a period and metric), decided top-down."""

    def __init__(self, sizes: dict[int, np.ndarray], children: dict[int, list[int]], threshold: int):
        self.threshold = threshold
        self.zeros = np.zeros_like(next(iter(sizes.values())), dtype=float)
        below = {c for s in sizes for c in children.get(s, [])}
        self.roots = sorted(s for s in sizes if s not in below)
        self.children: dict[int, list[int]] = {}
        self.pre_order: list[int] = []
        stack = list(reversed(self.roots))
        while stack:
            group = stack.pop()
            if group in self.children:
                continue
            self.children[group] = sorted(children.get(group, []))
            self.pre_order.append(group)
            stack.extend(reversed(self.children[group]))
        self.sizes = {g: np.asarray(sizes.get(g, self.zeros), dtype=float) for g in self.pre_order}
        self.shown = {g: self.sizes[g] >= threshold for g in self.pre_order}
        self.cover: dict[int, np.ndarray] = {}
        self._update_cover(self.pre_order)

    def _subtree(self, group: int) -> list[int]:
        """The groups below `group`, parents before children."""
        out, stack = [], list(reversed(self.children[group]))
        while stack:
            below = stack.pop()
            out.append(below)
            stack.extend(reversed(self.children[below]))
        return out

    def _update_cover(self, groups: list[int]) -> None:
        """What can be subtracted from each group's parent through it: all of it if shown, else what
        its own sub-teams cover (groups given parents first)."""
        for group in reversed(groups):
            covered = sum((self.cover[c] for c in self.children[group]), self.zeros)
            self.cover[group] = np.where(self.shown[group], self.sizes[group], covered)

    def _unsafe(self, group: int) -> np.ndarray:
        covered = sum((self.cover[c] for c in self.children[group]), self.zeros)
        remainder = np.maximum(self.sizes[group] - covered, 0)
        return self.shown[group] & leaves_small_group(remainder, self.threshold)

    def _smallest_shown_below(self, group: int, subtree: list[int]) -> np.ndarray:
        """Per column, the smallest shown group below `group` with no shown group in between."""
        blocked = {c: self.zeros.astype(bool) for c in self.children[group]}
        candidates = []
        for below in subtree:
            for child in self.children[below]:
                blocked[child] = blocked[below] | self.shown[below]
            candidates.append(np.where(self.shown[below] & ~blocked[below], self.sizes[below], np.inf))
        return np.asarray(subtree)[np.argmin(np.vstack(candidates), axis=0)]

    def protect_remainder(self, group: int) -> None:
        """Withhold the smallest shown group below `group`, again until its remainder is safe.

        Each pick is no larger than anything else shown below, so the next one (if needed) is one of
        its own sub-teams: every group withheld here is needed.
        """
        unsafe = self._unsafe(group)
        if not unsafe.any():
            return
        subtree = self._subtree(group)
        while unsafe.any():
            pick = self._smallest_shown_below(group, subtree)
            for below in np.unique(pick[unsafe]):
                self.shown[below] = self.shown[below] & ~(unsafe & (pick == below))
            self._update_cover(subtree)
            unsafe = self._unsafe(group)

    def decide(self) -> dict[int, np.ndarray]:
        for group in self.pre_order:
            if self.children[group]:
                self.protect_remainder(group)
        return self.shown


def shown_groups(
    sizes: dict[int, np.ndarray], children: dict[int, list[int]], threshold: int
) -> dict[int, np.ndarray]:
    """Which groups' figures may be shown (see the module docstring).

    sizes: respondents of each group, one entry per column; children: group -> its direct sub-teams
    (groups missing from sizes count as nobody).
    """
    if not sizes:
        return {}
    return _Suppression(sizes, children, threshold).decide()


def confidential(values: pd.DataFrame, children: dict[int, list[int]], threshold: int) -> pd.DataFrame:
    """Add `withheld` and `withheld_reason` (TOO_FEW, REVEALS_SMALLER or None), blank withheld values.

    values: scope, period_start, metric, value, respondents, with the survey rows of every group
    whose count can change the decision (the whole tree); children: scope -> its direct sub-teams.
    """
    out = values.copy()
    survey = survey_rows(out["metric"])
    too_few = survey & (out["respondents"] < threshold)
    reveals = pd.Series(False, index=out.index)
    if survey.any():
        counts = (
            out[survey]
            .pivot_table(
                index=["period_start", "metric"], columns="scope", values="respondents", aggfunc="max"
            )
            .fillna(0)
        )
        sizes = {scope: counts[scope].to_numpy(dtype=float) for scope in counts.columns}
        shown = {
            scope: flags
            for scope, flags in shown_groups(sizes, children, threshold).items()
            if scope in sizes
        }
        flags = pd.DataFrame(shown, index=counts.index).rename_axis(columns="scope").stack()
        flags = flags.rename("shown").reset_index()
        merged = out[["period_start", "metric", "scope"]].merge(flags, how="left")
        reveals = survey & ~too_few & pd.Series(merged["shown"].eq(False).to_numpy(), index=out.index)
    out["withheld"] = too_few | reveals
    no_reason = np.array(None, dtype=object)  # None as an array: numpy's types take no bare None here
    reason = np.select([too_few, reveals], [TOO_FEW, REVEALS_SMALLER], default=no_reason)
    out["withheld_reason"] = pd.Series(reason, index=out.index, dtype=object)
    out.loc[out["withheld"], "value"] = np.nan
    return out
