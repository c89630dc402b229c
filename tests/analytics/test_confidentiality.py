from datetime import date

import numpy as np
import pandas as pd

from engage.analytics.confidentiality import confidential, withhold_small_groups

WEEK = date(2026, 3, 2)


def values(rows):
    return pd.DataFrame([(scope, WEEK, metric, value, respondents, respondents)
                         for scope, metric, value, respondents in rows],
                        columns=["scope", "period_start", "metric", "value", "respondents", "n"])


def test_four_respondents_withheld_five_shown():
    out = withhold_small_groups(values([
        (1, "engagement", 70.0, 4), (2, "engagement", 60.0, 5), (1, "csat_pct", 80.0, 1),
        (1, "driver:growth", 50.0, 4), (1, "kudos_given", 3.0, 1),
    ]), threshold=5).set_index(["scope", "metric"])
    assert out.loc[(1, "engagement"), "withheld"] and np.isnan(out.loc[(1, "engagement"), "value"])
    assert out.loc[(1, "driver:growth"), "withheld"]
    assert not out.loc[(2, "engagement"), "withheld"] and out.loc[(2, "engagement"), "value"] == 60.0
    assert out.loc[(1, "csat_pct"), "value"] == 80.0  # customer ratings are not anonymous answers
    assert out.loc[(1, "kudos_given"), "value"] == 3.0


def test_parent_minus_one_child_leaving_a_small_group_is_withheld():
    out = confidential(values([
        (1, "engagement", 70.0, 6), (2, "engagement", 72.0, 5),  # parent 1 minus child 2 = 1 person
        (3, "engagement", 70.0, 12), (4, "engagement", 70.0, 6),  # 3 minus 4 = 6: fine
    ]), children={1: [2], 3: [4]}, threshold=5).set_index("scope")
    assert out.loc[1, "withheld"] and np.isnan(out.loc[1, "value"])
    assert not out.loc[2, "withheld"]
    assert not out.loc[3, "withheld"] and out.loc[3, "value"] == 70.0


def test_parent_minus_all_children_leaving_a_small_group_is_withheld():
    out = confidential(values([
        (1, "enps", 10.0, 12), (2, "enps", 5.0, 5), (3, "enps", 0.0, 5),  # 12 - 5 - 5 = 2
    ]), children={1: [2, 3]}, threshold=5).set_index("scope")
    assert out.loc[1, "withheld"]
    assert not out.loc[2, "withheld"] and not out.loc[3, "withheld"]


def test_a_child_with_nobody_does_not_withhold_the_parent():
    out = confidential(values([(1, "engagement", 70.0, 8)]), children={1: [2]}, threshold=5)
    assert not out["withheld"].any()


def test_grandparent_minus_grandchild_leaving_a_small_group_is_withheld():
    out = confidential(values([
        (0, "engagement", 70.0, 6), (1, "engagement", 70.0, 6), (2, "engagement", 70.0, 5),
    ]), children={0: [1], 1: [2]}, threshold=5).set_index("scope")
    assert out.loc[0, "withheld"] and out.loc[1, "withheld"]  # both are 1 person more than team 2
    assert not out.loc[2, "withheld"]


def test_subtracting_the_shown_siblings_must_not_isolate_a_withheld_one():
    # 12 = 5 + 5 + 2: A and B are shown, C (2 people) is not; P - A - B would be C's 2 people
    out = confidential(values([
        (1, "engagement", 70.0, 12), (2, "engagement", 60.0, 5), (3, "engagement", 60.0, 5),
        (4, "engagement", 99.0, 2),
    ]), children={1: [2, 3, 4]}, threshold=5).set_index("scope")
    assert out.loc[1, "withheld"] and out.loc[4, "withheld"]
    assert not out.loc[2, "withheld"] and not out.loc[3, "withheld"]


def test_a_withheld_sub_team_is_covered_by_its_own_shown_sub_teams():
    # P (16) > C (11, withheld: C minus its shown child D of 10 leaves 1) > D (10); P also has E (5).
    # From P one can subtract D and E: 16 - 10 - 5 = 1 person (C's own member) -> P withheld too.
    out = confidential(values([
        (1, "engagement", 70.0, 16), (2, "engagement", 70.0, 11), (3, "engagement", 70.0, 10),
        (5, "engagement", 70.0, 5),
    ]), children={1: [2, 5], 2: [3]}, threshold=5).set_index("scope")
    assert list(out.sort_index()["withheld"]) == [True, True, False, False]
