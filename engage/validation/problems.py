"""How many of a refused file's problems are listed; the rest are only counted."""

MAX_LISTED_PROBLEMS = 100
