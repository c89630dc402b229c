from datetime import datetime

import pytest

from engage.csat.rows import parse_rated_at
from engage.csat.scales import FieldError, normalise


@pytest.mark.parametrize(
    ("kind", "scale", "value", "score", "satisfied", "raw"),
    [
        ("csat", "csat5", 1, 0.0, False, "1"),
        ("csat", "csat5", "3", 50.0, False, "3"),
        ("csat", "csat5", "4", 75.0, True, "4"),
        ("csat", None, 5, 100.0, True, "5"),
        ("csat", "good_bad", "Good", 100.0, True, "good"),
        ("csat", None, "bad", 0.0, False, "bad"),
        ("nps", "nps10", 0, 0.0, False, "0"),
        ("nps", None, "8", 80.0, False, "8"),
        ("nps", None, 9, 90.0, True, "9"),
        ("nps", "nps10", "10", 100.0, True, "10"),
        ("csat", "three_point", "Great", 100.0, True, "great"),
        ("csat", None, "okay", 50.0, False, "okay"),
        ("csat", "three_point", "Bad", 0.0, False, "bad"),
        ("csat", "three_point", "not good", 0.0, False, "not good"),
        ("csat", "ces7", 1, 0.0, False, "1"),
        ("csat", "ces7", "4", 50.0, False, "4"),
        ("csat", "ces7", 5, 66.67, True, "5"),
        ("csat", "ces7", "7", 100.0, True, "7"),
    ],
)
def test_every_scale_lands_on_the_common_scale(kind, scale, value, score, satisfied, raw):
    rating = normalise(kind, scale, value)
    assert (rating.kind, rating.score, rating.satisfied, rating.raw_value) == (kind, score, satisfied, raw)


@pytest.mark.parametrize(
    ("kind", "scale", "value", "field", "words"),
    [
        ("csat", "csat5", 0, "value", "1 to 5"),
        ("csat", "csat5", "4.5", "value", "whole number"),
        ("csat", "csat5", True, "value", "whole number"),
        ("nps", "nps10", 11, "value", "0 to 10"),
        ("csat", "good_bad", "great", "value", "'good' or 'bad'"),
        ("nps", "csat5", 4, "scale", "belongs to kind csat"),
        ("csat", "stars", 4, "scale", "must be one of"),
        ("happiness", None, 4, "kind", "csat or nps"),
        ("csat", None, "meh", "value", "csat needs 1-5 or good/bad"),
        ("nps", None, 11, "value", "nps needs 0-10"),
        ("csat", "ces7", 8, "value", "ces7 needs a whole number from 1 to 7"),
        ("csat", None, 7, "value", "give scale ces7 for a 1-7 effort score"),
        ("csat", "three_point", "good", "value", "three_point needs 'great', 'okay' or 'bad'"),
        ("nps", "ces7", 4, "scale", "belongs to kind csat"),
    ],
)
def test_bad_values_say_what_to_fix(kind, scale, value, field, words):
    with pytest.raises(FieldError) as caught:
        normalise(kind, scale, value)
    assert caught.value.field == field
    assert words in caught.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01T14:05:00Z", datetime(2026, 3, 1, 14, 5)),
        ("2026-03-01T14:05:00+01:00", datetime(2026, 3, 1, 13, 5)),
        ("2026-03-01T20:05:00-05:00", datetime(2026, 3, 2, 1, 5)),
        ("2026-03-01 14:05:00", datetime(2026, 3, 1, 14, 5)),
        ("2026-03-01", datetime(2026, 3, 1)),
    ],
)
def test_rated_at_becomes_naive_utc(text, expected):
    assert parse_rated_at(text) == expected


def test_rated_at_must_be_iso():
    with pytest.raises(FieldError, match="ISO 8601"):
        parse_rated_at("03/01/2026 2pm")
