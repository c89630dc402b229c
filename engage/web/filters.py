"""The date range, granularity and team filters shared by the dashboard pages and /api/v1."""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from werkzeug.datastructures import MultiDict

from engage.analytics.correlation import PAIRINGS, Pairing
from engage.insights.outcomes import DEFAULT_OUTCOME, OUTCOMES
from engage.insights.service_hours import check_zone
from engage.insights.types import Granularity, InsightsInputError
from engage.validation.dates import DateInputError, parse_date

GRANULARITIES: tuple[Granularity, ...] = ("day", "week", "month")
DEFAULT_WEEKS = 26
ADJECTIVE = {"day": "daily", "week": "weekly", "month": "monthly"}
MAX_PAGE = 100_000
MAX_DAYS = {"day": 92, "week": 3 * 366, "month": 5 * 366}
MAX_ID = 2**31 - 1  # ids are 32-bit integers in the database


class FilterError(ValueError):
    """A filter parameter that cannot be used; `field` names it, the message says how to fix it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    granularity: Granularity
    team_id: int | None = None
    outcome: str = DEFAULT_OUTCOME  # a key of OUTCOMES
    pairing: Pairing = "week"

    def query_args(self, **changes) -> dict:
        """The filters as query-string arguments, for links that keep them."""
        current = replace(self, **changes)
        args: dict[str, str | int] = {
            "start": current.start.isoformat(),
            "end": current.end.isoformat(),
            "granularity": current.granularity,
        }
        if current.team_id is not None:
            args["team_id"] = current.team_id
        if current.outcome != DEFAULT_OUTCOME:
            args["outcome"] = current.outcome
        if current.pairing != "week":
            args["pairing"] = current.pairing
        return args


def input_date(args: MultiDict, name: str, label: str | None = None) -> date | None:
    """The date in query argument `name` (None when absent), within the years engage accepts."""
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        return parse_date(raw, label or name)
    except DateInputError as exc:
        raise FilterError(name, str(exc)) from None


def _date(args: MultiDict, name: str, default: date) -> date:
    day = input_date(args, name)
    return default if day is None else day


def _team_id(args: MultiDict) -> int | None:
    raw = (args.get("team_id") or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
        raise FilterError("team_id", f"team_id must be a team's numeric id (1 to {MAX_ID}), not {raw!r}")
    return int(raw)


def _pairing(args: MultiDict) -> Pairing:
    raw = (args.get("pairing") or "week").strip()
    if raw not in PAIRINGS:
        raise FilterError("pairing", f"pairing must be one of {', '.join(PAIRINGS)}, not {raw!r}")
    return raw


def parse_timezone(args: MultiDict) -> str | None:
    """An IANA time zone to read local hours in (None, when not given: the team's own)."""
    if "timezone" not in args:
        return None
    raw = args["timezone"]
    try:
        check_zone(raw)
    except InsightsInputError as exc:
        raise FilterError("timezone", str(exc)) from None
    return raw


def parse_page(args: MultiDict) -> int:
    """The page number of a paged list, from 1."""
    raw = (args.get("page") or "1").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise FilterError("page", f"page must be a whole number from 1 to {MAX_PAGE}, not {raw!r}")
    return int(raw)


def comment_choices(args: MultiDict) -> dict[str, str]:
    """The Comments page's kind (comment, open_answer) and driver, as given (insights.comments checks)."""
    return {name: (args.get(name) or "").strip() for name in ("kind", "driver")}


def parse_filters(
    args: MultiDict, today: date | None = None, granularities: tuple[Granularity, ...] = GRANULARITIES
) -> Filters:
    """Read start, end, granularity, team_id, the outcome and the correlation's pairing; defaults: the last
    26 weeks (by day: the most a daily view covers), by week, CSAT %, weekly pairing."""
    today = today or date.today()
    granularity = (args.get("granularity") or "week").strip()
    if granularity not in granularities:
        raise FilterError(
            "granularity", f"granularity must be one of {', '.join(granularities)}, not {granularity!r}"
        )
    limit = MAX_DAYS[granularity]
    end = _date(args, "end", today)
    start = _date(args, "start", end - min(timedelta(weeks=DEFAULT_WEEKS), timedelta(days=limit)))
    if start > end:
        raise FilterError("start", f"start ({start}) must be on or before end ({end})")
    if (end - start).days > limit:
        raise FilterError(
            "start",
            f"a {ADJECTIVE[granularity]} view covers at most {limit} days; "
            "narrow the dates or choose a coarser granularity",
        )
    outcome = (args.get("outcome") or DEFAULT_OUTCOME).strip()
    if outcome not in OUTCOMES:
        raise FilterError("outcome", f"outcome must be one of {', '.join(OUTCOMES)}, not {outcome!r}")
    return Filters(
        start=start,
        end=end,
        granularity=granularity,
        team_id=_team_id(args),
        outcome=outcome,
        pairing=_pairing(args),
    )
