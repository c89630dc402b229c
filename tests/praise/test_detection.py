"""Praise: a satisfied rating with a comment that mentions no problem word."""

import pytest

from engage.praise.detection import is_praise, problem_words


@pytest.mark.parametrize(
    "comment",
    [
        "Ana sorted my refund in one call",
        "Thanks!",
        "Merci beaucoup, parfait",
        "Brilliant — fixed in minutes",
    ],
)
def test_a_satisfied_comment_without_problem_words_is_praise(comment):
    assert is_praise(True, comment)


@pytest.mark.parametrize(
    ("comment", "found"),
    [
        ("Helpful, but it took three emails", ["but"]),
        ("Nice agent. The app is still BROKEN", ["still", "broken"]),
        ("Didn’t get my refund yet", ["didn't"]),
        ("Waited 2 hours, then great help", ["waited", "hours"]),
    ],
)
def test_a_comment_that_mentions_a_problem_is_not_praise(comment, found):
    assert problem_words(comment) == found
    assert not is_praise(True, comment)


def test_an_unsatisfied_rating_or_an_empty_comment_is_never_praise():
    assert not is_praise(False, "Ana sorted my refund in one call")
    assert not is_praise(True, "   ")
    assert not is_praise(True, None)
