import random
from datetime import date
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from engage.analytics.confidentiality import (
    REVEALS_SMALLER,
    TOO_FEW,
    confidential,
    shown_groups,
    withhold_small_groups,
)

WEEK = date(2026, 3, 2)
THRESHOLD = 5


def values(rows):
    return pd.DataFrame(
        [
            (scope, WEEK, metric, value, respondents, respondents)
            for scope, metric, value, respondents in rows
        ],
        columns=["scope", "period_start", "metric", "value", "respondents", "n"],
    )


def reasons(out: pd.DataFrame) -> dict[int, str | None]:
    return dict(zip(out["scope"], out["withheld_reason"], strict=True))


def test_four_respondents_withheld_five_shown():
    out = withhold_small_groups(
        values(
            [
                (1, "engagement", 70.0, 4),
                (2, "engagement", 60.0, 5),
                (1, "csat_pct", 80.0, 1),
                (1, "driver:growth", 50.0, 4),
                (1, "kudos_given", 3.0, 1),
            ]
        ),
        threshold=5,
    ).set_index(["scope", "metric"])
    assert out.loc[(1, "engagement"), "withheld"] and np.isnan(out.loc[(1, "engagement"), "value"])
    assert out.loc[(1, "driver:growth"), "withheld"]
    assert not out.loc[(2, "engagement"), "withheld"] and out.loc[(2, "engagement"), "value"] == 60.0
    assert out.loc[(1, "csat_pct"), "value"] == 80.0  # customer ratings are not anonymous answers
    assert out.loc[(1, "kudos_given"), "value"] == 3.0


# Before issue 11 the tests below expected the parent withheld: the largest group was hidden to keep
# the remainder safe. Now the parent is shown and the smallest sub-team that keeps it safe is withheld.


def test_parent_minus_one_child_leaving_a_small_group_withholds_the_child():
    out = confidential(
        values(
            [
                (1, "engagement", 70.0, 6),
                (2, "engagement", 72.0, 5),  # parent 1 minus child 2 = 1 person
                (3, "engagement", 70.0, 12),
                (4, "engagement", 70.0, 6),  # 3 minus 4 = 6: fine
            ]
        ),
        children={1: [2], 3: [4]},
        threshold=5,
    )
    assert reasons(out) == {1: None, 2: REVEALS_SMALLER, 3: None, 4: None}
    by_scope = out.set_index("scope")
    assert by_scope.loc[1, "value"] == 70.0 and np.isnan(by_scope.loc[2, "value"])


def test_parent_minus_all_children_leaving_a_small_group_withholds_one_child():
    out = confidential(
        values(
            [
                (1, "enps", 10.0, 12),
                (2, "enps", 5.0, 5),
                (3, "enps", 0.0, 5),  # 12 - 5 - 5 = 2
            ]
        ),
        children={1: [2, 3]},
        threshold=5,
    )
    assert reasons(out) == {1: None, 2: REVEALS_SMALLER, 3: None}  # 12 - 5 = 7


def test_the_smallest_sibling_is_withheld_and_the_larger_ones_stay():
    out = confidential(
        values(
            [
                (1, "engagement", 70.0, 40),
                (2, "engagement", 70.0, 14),
                (3, "engagement", 70.0, 11),
                (4, "engagement", 70.0, 13),  # 40 - 14 - 11 - 13 = 2 direct reports
            ]
        ),
        children={1: [2, 3, 4]},
        threshold=5,
    )
    assert reasons(out) == {1: None, 2: None, 3: REVEALS_SMALLER, 4: None}


def test_a_child_with_nobody_does_not_withhold_anything():
    out = confidential(values([(1, "engagement", 70.0, 8)]), children={1: [2]}, threshold=5)
    assert not out["withheld"].any()


def test_grandparent_parent_and_grandchild_keep_the_two_larger_groups():
    out = confidential(
        values(
            [
                (0, "engagement", 70.0, 6),
                (1, "engagement", 70.0, 6),
                (2, "engagement", 70.0, 5),
            ]
        ),
        children={0: [1], 1: [2]},
        threshold=5,
    )
    assert reasons(out) == {0: None, 1: None, 2: REVEALS_SMALLER}  # 0 and 1 are the same 6 people


def test_subtracting_the_shown_siblings_must_not_isolate_a_withheld_one():
    # 12 = 5 + 5 + 2: C (2 people) is too small; P - A - B would be C's 2 people, so A is withheld too
    out = confidential(
        values(
            [
                (1, "engagement", 70.0, 12),
                (2, "engagement", 60.0, 5),
                (3, "engagement", 60.0, 5),
                (4, "engagement", 99.0, 2),
            ]
        ),
        children={1: [2, 3, 4]},
        threshold=5,
    )
    assert reasons(out) == {1: None, 2: REVEALS_SMALLER, 3: None, 4: TOO_FEW}


def test_a_withheld_sub_team_is_covered_by_its_own_shown_sub_teams():
    # P (16) = C (11) + E (5), and C (11) = D (10) + 1 own member: P minus C minus E is 0, fine, but
    # C minus D is 1 person, so D is withheld and C stays shown.
    out = confidential(
        values(
            [
                (1, "engagement", 70.0, 16),
                (2, "engagement", 70.0, 11),
                (3, "engagement", 70.0, 10),
                (5, "engagement", 70.0, 5),
            ]
        ),
        children={1: [2, 5], 2: [3]},
        threshold=5,
    )
    assert reasons(out) == {1: None, 2: None, 3: REVEALS_SMALLER, 5: None}


def test_withholding_a_covered_sub_team_goes_on_to_its_own_sub_teams():
    # P (12) = C (10) + 2 own; C = D (5) + E (5). Withholding C alone leaves P - D - E = 2, so a
    # sub-team of C goes too.
    out = confidential(
        values(
            [
                (1, "engagement", 70.0, 12),
                (2, "engagement", 70.0, 10),
                (3, "engagement", 70.0, 5),
                (4, "engagement", 70.0, 5),
            ]
        ),
        children={1: [2], 2: [3, 4]},
        threshold=5,
    )
    assert reasons(out) == {1: None, 2: REVEALS_SMALLER, 3: REVEALS_SMALLER, 4: None}


def test_withholding_stops_as_soon_as_the_remainder_is_safe():
    # P (30) = A (6: B of 5 + 1 own) + F (20) + 4 own. The smallest shown group below P is A;
    # withholding it frees only its 1 own member, but a remainder of 5 is enough: B and F stay.
    out = confidential(
        values(
            [
                (1, "engagement", 70.0, 30),
                (2, "engagement", 70.0, 6),
                (3, "engagement", 70.0, 5),
                (4, "engagement", 70.0, 20),
            ]
        ),
        children={1: [2, 4], 2: [3]},
        threshold=5,
    )
    assert reasons(out) == {1: None, 2: REVEALS_SMALLER, 3: None, 4: None}


def test_metrics_and_periods_are_judged_apart():
    out = confidential(
        pd.concat(
            [
                values([(1, "engagement", 70.0, 6), (2, "engagement", 70.0, 5)]),
                values([(1, "enps", 10.0, 10), (2, "enps", 0.0, 5)]),
            ],
            ignore_index=True,
        ),
        children={1: [2]},
        threshold=5,
    )
    withheld = set(zip(out["scope"], out["metric"], out["withheld_reason"], strict=True))
    assert withheld == {
        (1, "engagement", None),
        (2, "engagement", REVEALS_SMALLER),
        (1, "enps", None),
        (2, "enps", None),
    }


# Property: random trees and respondent counts, many columns decided at once.


def random_tree(rng: random.Random) -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for group in range(1, rng.randint(2, 11)):
        children.setdefault(rng.randrange(group), []).append(group)
    return children


def random_sizes(rng: random.Random, children: dict[int, list[int]], groups: int) -> list[int]:
    own = [rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 20]) for _ in range(groups)]
    sizes = own[:]
    for group in reversed(range(groups)):  # a child's id is always above its parent's
        sizes[group] += sum(sizes[c] for c in children.get(group, []))
    return sizes


def below(children: dict[int, list[int]], group: int) -> list[int]:
    out = []
    for child in children.get(group, []):
        out += [child, *below(children, child)]
    return out


def recoverable(children, sizes, shown, group) -> list[int]:
    """Every count a reader can work out from `group`: it minus any set of disjoint shown groups below."""
    shown_below = [g for g in below(children, group) if shown[g]]
    nested = {g: set(below(children, g)) for g in shown_below}
    counts = []
    for k in range(len(shown_below) + 1):
        for chosen in combinations(shown_below, k):
            if all(b not in nested[a] and a not in nested[b] for a, b in combinations(chosen, 2)):
                counts.append(sizes[group] - sum(sizes[g] for g in chosen))
    return counts


def remainders_safe(children, sizes, shown, groups) -> bool:
    def cover(group):
        return sizes[group] if shown[group] else sum(cover(c) for c in children.get(group, []))

    return all(
        not 1 <= sizes[g] - sum(cover(c) for c in children.get(g, [])) < THRESHOLD for g in groups if shown[g]
    )


@pytest.mark.parametrize("seed", range(300))
def test_random_trees_every_remainder_is_safe_and_parents_win(seed):
    rng = random.Random(seed)
    children = random_tree(rng)
    groups = 1 + max(c for kids in children.values() for c in kids)
    columns = [random_sizes(rng, children, groups) for _ in range(8)]
    decided = shown_groups(
        {g: np.array([col[g] for col in columns], dtype=float) for g in range(groups)}, children, THRESHOLD
    )
    for column, sizes in enumerate(columns):
        shown = [bool(decided[g][column]) for g in range(groups)]
        alone = shown_groups(
            {g: np.array([sizes[g]], dtype=float) for g in range(groups)}, children, THRESHOLD
        )
        assert shown == [bool(alone[g][0]) for g in range(groups)]  # columns are decided apart
        for group in range(groups):
            assert not shown[group] or sizes[group] >= THRESHOLD
            if shown[group]:
                shown_children = sum(sizes[c] for c in children.get(group, []) if shown[c])
                assert not 1 <= sizes[group] - shown_children < THRESHOLD
                assert all(not 1 <= n < THRESHOLD for n in recoverable(children, sizes, shown, group))
        assert shown[0] == (sizes[0] >= THRESHOLD)  # the top group is shown whenever it is large enough
        for group in range(groups):
            if sizes[group] >= THRESHOLD and not shown[group]:  # only to keep a larger group's remainder
                again = shown[:]
                again[group] = True
                above = [g for g in range(groups) if group in below(children, g)]
                assert not remainders_safe(children, sizes, again, above)
