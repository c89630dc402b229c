"""Customer outcomes of a team by weekday and hour in the team's time zone, and its shifts' consistency.

Only the customer side is split by shift: ratings and solved tickets, never answers to pulses, which
would single out the few people who work nights or weekends. Ratings are read raw (not from rollups),
for the team and its sub-teams.
"""

import functools
import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import available_timezones

import numpy as np
import pandas as pd
import sqlalchemy as sa
from flask import current_app

from engage.analytics.shifts import ServiceHours, service_hours
from engage.auth.access import Principal
from engage.extensions import db
from engage.insights import cache
from engage.insights.outcomes import Outcome, outcome
from engage.insights.scope import Tree, load_tree, require_scope, team_infos
from engage.insights.types import InsightsInputError
from engage.models import Employee, Rating, TicketOutcome

BINARY = {"csat_pct": True, "fcr": True, "csat_mean": False, "nps": False}
NPS_DETRACTOR_BELOW = 70  # 0-6 of 10 (60 and below on 0-100) are detractors


@dataclass(frozen=True)
class TeamServiceHours:
    team_id: int
    team_name: str
    timezone: str
    start: date
    end: date
    outcome: Outcome
    figures: ServiceHours


def check_zone(name: str) -> None:
    """InsightsInputError unless name is an IANA time zone."""
    if not _known_zone(name):
        raise InsightsInputError(f"timezone must be an IANA time zone such as Europe/Berlin, not {name!r}")


@functools.cache
def known_zones() -> frozenset[str]:
    """The IANA time zone names this machine's tz database holds (the API's documented choices)."""
    return frozenset(available_timezones())


def _known_zone(name: str) -> bool:
    return name in known_zones()


def team_zones(teams: dict[int, set[int]]) -> dict[int, str]:
    """Each team's time zone: the one most of its active people (sub-teams included) are in, else the
    company's (ENGAGE_TIMEZONE); teams maps a team to itself and its sub-teams."""
    company = current_app.config["ENGAGE_TIMEZONE"]
    rows = db.session.execute(
        sa.select(Employee.team_id, Employee.timezone).where(
            Employee.active.is_(True), Employee.timezone.is_not(None)
        )
    ).all()
    by_team: dict[int | None, Counter[str]] = {}
    for team_id, zone in rows:
        if zone and _known_zone(zone):
            by_team.setdefault(team_id, Counter())[zone] += 1
    return {
        team: commonest_zone(sum((by_team.get(t, Counter()) for t in below), Counter()), company)
        for team, below in teams.items()
    }


def commonest_zone(zones: Iterable[str], default: str) -> str:
    """The zone most often given; a tie goes to the first by name, so it is settled the same way each time."""
    counts = Counter(zones)
    return min(counts, key=lambda zone: (-counts[zone], zone)) if counts else default


def _values(key: str, frame: pd.DataFrame) -> np.ndarray:
    """Each row on the outcome's scale: its mean over rows is the outcome."""
    satisfied = frame["satisfied"].astype(bool).to_numpy()
    if key in ("csat_pct", "fcr"):
        return np.where(satisfied, 100.0, 0.0)
    score = frame["score"].to_numpy(dtype=float)
    if key == "csat_mean":
        return score
    return np.select([satisfied, score < NPS_DETRACTOR_BELOW], [100.0, -100.0], 0.0)


def _read(key: str, team_ids: set[int], start: date, end: date) -> pd.DataFrame:
    """team_id, at (naive UTC) and value of the outcome's ratings or solved tickets, from a day before the
    range to a day after it (local days are cut later)."""
    first = datetime.combine(start - timedelta(days=1), time())
    last = datetime.combine(end + timedelta(days=2), time())
    if key == "fcr":
        at, team = TicketOutcome.solved_at, TicketOutcome.team_id
        query = sa.select(team, at, TicketOutcome.first_contact_resolved, sa.null())
    else:
        at, team = Rating.rated_at, Rating.team_id
        query = sa.select(team, at, Rating.satisfied, Rating.score)
        query = query.where(Rating.kind == ("nps" if key == "nps" else "csat"))
    query = query.where(team.in_(sorted(team_ids)), at >= first, at < last)
    rows = [tuple(row) for row in db.session.execute(query)]  # plain tuples: pandas reads them far faster
    frame = pd.DataFrame(rows, columns=["team_id", "at", "satisfied", "score"])
    frame["value"] = _values(key, frame)
    return frame


def _local(frame: pd.DataFrame, zone: str, start: date, end: date) -> pd.DataFrame:
    """weekday, hour and value of the rows whose local day lies in [start, end]."""
    local = pd.to_datetime(frame["at"]).dt.tz_localize("UTC").dt.tz_convert(zone)
    days = local.dt.date
    keep = (days >= start) & (days <= end)
    return pd.DataFrame(
        {"weekday": local.dt.day_of_week[keep], "hour": local.dt.hour[keep], "value": frame["value"][keep]}
    )


def _local_in_zones(frame: pd.DataFrame, zones: set[str], start: date, end: date) -> dict[str, pd.DataFrame]:
    """_local of the whole frame in each zone (with team_id): converted once per zone, not per team."""
    return {zone: _local(frame, zone, start, end).assign(team_id=frame["team_id"]) for zone in zones}


def team_service_hours(
    principal: Principal,
    team_id: int,
    start: date,
    end: date,
    outcome_key: str | None = None,
    timezone: str | None = None,
) -> TeamServiceHours:
    """The team's (sub-teams included) outcome by weekday and hour, in its time zone (or `timezone`)."""
    chosen = outcome(outcome_key)
    tree = load_tree(principal)
    scope = require_scope(tree, principal, team_id)
    below = tree.descendants(scope)
    zone = timezone or team_zones({scope: below})[scope]
    check_zone(zone)
    frame = _read(chosen.key, below, start, end)
    figures = service_hours(_local(frame, zone, start, end), BINARY[chosen.key])
    return TeamServiceHours(scope, tree.name(scope), zone, start, end, chosen, figures)


@dataclass(frozen=True)
class ConsistencyRow:
    team_id: int
    team_name: str
    timezone: str
    figures: ServiceHours


def _service_hours(local: pd.DataFrame, binary: bool) -> ServiceHours:
    """service_hours, kept by its ratings: after a refresh only teams whose ratings changed are worked out."""
    digest = hashlib.blake2b(digest_size=16)
    for column in ("weekday", "hour", "value"):
        digest.update(local[column].to_numpy(dtype=float).tobytes())
    what = ("service hours", binary, len(local), digest.digest())
    return cache.by_content(what, lambda: service_hours(local, binary), rows=lambda _: 1 + len(local) // 100)


def _shortfall(row: ConsistencyRow) -> tuple[bool, float]:
    gap = row.figures.off_hours
    return (gap is None, -(gap.points if gap else 0.0))


def service_consistency(
    principal: Principal, start: date, end: date, outcome_key: str | None = None
) -> list[ConsistencyRow]:
    """Every visible team's shifts, those whose off-hours service falls furthest below their own daytime
    service first; teams without enough ratings to compare last, in the teams' usual order."""
    chosen = outcome(outcome_key)
    tree: Tree = load_tree(principal)
    teams = {info.id: tree.descendants(info.id) for info in team_infos(tree)}
    if not teams:
        return []
    zones = team_zones(teams)
    frame = _read(chosen.key, set().union(*teams.values()), start, end)
    local = _local_in_zones(frame, set(zones.values()), start, end)
    rows = []
    for team, below in teams.items():
        in_zone = local[zones[team]]
        mine = in_zone[in_zone["team_id"].isin(below)]
        figures = _service_hours(mine, BINARY[chosen.key])
        rows.append(ConsistencyRow(team, tree.name(team), zones[team], figures))
    return sorted(rows, key=_shortfall)
