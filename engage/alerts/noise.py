"""When a weekly figure falls beyond its usual week-to-week noise (pure).

A week's figure is compared with the mean of the TRAILING_WEEKS before it. The noise is the standard
error of that difference, s * sqrt(1 + 1/k): s is the sample standard deviation of the k trailing
weeks that could be shown (withheld weeks are left out; at least MIN_WEEKS are needed), and the
1/k term is the uncertainty of their mean. A drop is beyond the noise when the figure is more than
BAND standard errors below the mean (and at least min_drop below it).
"""

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

TRAILING_WEEKS = 8
MIN_WEEKS = 6
BAND = 2.0


@dataclass(frozen=True)
class Drop:
    latest: float
    mean: float
    noise: float  # one standard error of (latest - mean)


def _known(value: float | None) -> bool:
    return value is not None and not math.isnan(value)


def drop_beyond_noise(
    latest: float | None, trailing: Sequence[float | None], min_drop: float = 0.0
) -> Drop | None:
    """The drop of `latest` below the trailing weeks' mean, if beyond BAND standard errors; else None."""
    shown = [v for v in trailing if v is not None and _known(v)]
    if latest is None or not _known(latest) or len(shown) < MIN_WEEKS:
        return None
    mean = statistics.fmean(shown)
    noise = statistics.stdev(shown) * math.sqrt(1 + 1 / len(shown))
    below = mean - latest
    if below > BAND * noise and below > min_drop:
        return Drop(latest, mean, noise)
    return None
