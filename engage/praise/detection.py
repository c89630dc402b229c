"""What counts as praise: a satisfied rating with a comment that mentions no problem.

Deliberately simple, so anyone can tell why a comment was (not) picked: the comment's words, lower-cased,
are looked up in PROBLEM_WORDS; one hit and it is not praise. "Sorted my refund, thanks" is praise; "Nice
but slow" is not. Comments in other languages pass unless they use these words.
"""

import re

PROBLEM_WORDS = frozenset(
    """
    but however although though unfortunately sadly still again
    not no never nothing didn't don't doesn't wasn't weren't isn't won't can't cannot couldn't wouldn't
    problem problems issue issues bug bugs broken error errors fail failed failing fault wrong
    slow slowly wait waited waiting late delay delayed hours days weeks
    bad poor worse worst terrible awful horrible useless unhelpful rude confusing confused
    disappointed disappointing frustrated frustrating annoyed annoying angry upset
    complaint complain complained escalate escalated cancel cancelled unresolved
    """.split()
)
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def problem_words(comment: str) -> list[str]:
    """The problem words in the comment, in order, each once."""
    text = comment.lower().replace("\u2019", "'")
    return list(dict.fromkeys(word for word in WORD.findall(text) if word in PROBLEM_WORDS))


def is_praise(satisfied: bool, comment: str | None) -> bool:
    return bool(satisfied and comment and comment.strip() and not problem_words(comment))
