"""Help-desk rating scales and their place on the common 0-100 scale."""

from dataclasses import dataclass

SCALES = {"csat5": "csat", "good_bad": "csat", "three_point": "csat", "ces7": "csat", "nps10": "nps"}
# Help Scout's three ratings; "not good" is how its API spells the last one.
THREE_POINT = {"great": 100.0, "okay": 50.0, "bad": 0.0, "not good": 0.0}
# Zendesk lists surveys that were sent but never answered: they are not ratings, so they are skipped.
UNANSWERED_VALUES = frozenset({"offered", "unoffered", "not offered", "not_offered"})


class FieldError(ValueError):
    """A value that cannot be imported; `field` names the CSV column or JSON key to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Normalised:
    kind: str
    raw_value: str
    score: float
    satisfied: bool


def is_unanswered(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower() in UNANSWERED_VALUES


def infer_scale(kind: str, value: object) -> str:
    if kind == "nps":
        return "nps10"
    word = value.strip().lower() if isinstance(value, str) else None
    if word in ("good", "bad"):
        return "good_bad"
    if word in THREE_POINT:
        return "three_point"
    return "csat5"


def _whole_number(value: object, low: int, high: int, scale: str) -> int:
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
        number = int(value.strip())
    else:
        number = None
    if number is None or not low <= number <= high:
        raise FieldError("value", f"{scale} needs a whole number from {low} to {high}, got {value!r}")
    return number


def normalise(kind: str, scale: str | None, value: object) -> Normalised:
    """Put one rating on the common scale (README, "Rating scales"): CSAT 1-5 -> (x-1)*25, good 100 / bad 0,
    great 100 / okay 50 / bad 0, CES 1-7 -> (x-1)*100/6, NPS 0-10 -> x*10."""
    if kind not in ("csat", "nps"):
        raise FieldError("kind", f"kind must be csat or nps, got {kind!r}")
    if scale is None:
        try:
            return normalise(kind, infer_scale(kind, value), value)
        except FieldError:
            wanted = (
                "0-10"
                if kind == "nps"
                else ("1-5 or good/bad or great/okay/bad (give scale ces7 for a 1-7 effort score)")
            )
            raise FieldError("value", f"{kind} needs {wanted}, got {value!r}") from None
    if scale not in SCALES:
        raise FieldError("scale", f"scale must be one of {', '.join(SCALES)}, got {scale!r}")
    if SCALES[scale] != kind:
        raise FieldError("scale", f"scale {scale} belongs to kind {SCALES[scale]}, not {kind}")
    if scale == "good_bad":
        word = value.strip().lower() if isinstance(value, str) else None
        if word not in ("good", "bad"):
            raise FieldError("value", f"good_bad needs 'good' or 'bad', got {value!r}")
        return Normalised(kind, word, 100.0 if word == "good" else 0.0, word == "good")
    if scale == "three_point":
        word = value.strip().lower() if isinstance(value, str) else None
        if word not in THREE_POINT:
            raise FieldError(
                "value", f"three_point needs 'great', 'okay' or 'bad' ('not good'), got {value!r}"
            )
        return Normalised(kind, word, THREE_POINT[word], word == "great")
    if scale == "ces7":
        # 7 is the least effort ("strongly agree" that the issue was easy to handle); 5-7 count as satisfied.
        number = _whole_number(value, 1, 7, scale)
        return Normalised(kind, str(number), round((number - 1) * 100 / 6, 2), number >= 5)
    if scale == "csat5":
        number = _whole_number(value, 1, 5, scale)
        return Normalised(kind, str(number), (number - 1) * 25.0, number >= 4)
    number = _whole_number(value, 0, 10, scale)
    return Normalised(kind, str(number), number * 10.0, number >= 9)
