"""Control characters in free text: refused in names, dropped from comments."""

import unicodedata

# Joiners are format characters that Persian, Indic scripts and emoji need inside ordinary words.
ALLOWED_FORMAT = frozenset("\u200c\u200d")
COMMENT_WHITESPACE = frozenset("\n\t")


def _is_control(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cc", "Zl", "Zp") or (category == "Cf" and char not in ALLOWED_FORMAT)


def control_characters(text: str) -> list[str]:
    """The distinct control characters in `text`, in order of appearance."""
    return list(dict.fromkeys(char for char in text if _is_control(char)))


def control_character_problem(text: str, what: str) -> str | None:
    """A message naming the control characters in `text`, or None when there are none."""
    found = control_characters(text)
    if not found:
        return None
    shown = ", ".join(f"U+{ord(char):04X}" for char in found[:5])
    return f"{what} contains control character(s) ({shown}); remove them and keep plain text"


def clean_comment(text: str) -> str:
    """The comment without control characters, keeping its line breaks and tabs."""
    return "".join(char for char in text if char in COMMENT_WHITESPACE or not _is_control(char))
