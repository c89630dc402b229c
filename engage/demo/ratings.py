"""Customer ratings for the demo teams from three help-desk sources, following engagement with a lag."""
from datetime import date, datetime, time, timedelta

import numpy as np
import sqlalchemy as sa

from engage.demo.engagement import CSAT_LAG_WEEKS, Engagement
from engage.extensions import db
from engage.models import Employee, Rating, Team, TeamMapping

# source -> (kind, share of a team's ratings) per kind of team
SUPPORT_SOURCES = {"zendesk": 0.7, "intercom": 0.3}
ACCOUNT_SOURCES = {"delighted": 0.6, "zendesk": 0.4}
WEEKLY_RATINGS_PER_PERSON = 1.6


def _rating(source: str, quality: float) -> tuple[str, str, float, bool]:
    """(kind, raw value, 0-100 score, satisfied) for one customer's answer."""
    if source == "zendesk":
        stars = 1 + int(np.searchsorted([-1.6, -1.0, -0.4, 0.6], quality))
        return "csat", str(stars), (stars - 1) * 25.0, stars >= 4
    if source == "intercom":
        good = quality > -0.5
        return "csat", "good" if good else "bad", 100.0 if good else 0.0, good
    nps = int(np.clip(round(7.6 + 1.6 * quality), 0, 10))
    return "nps", str(nps), nps * 10.0, nps >= 9


def create_ratings(rng: np.random.Generator, teams: list[Team], people: list[Employee], days: list[date],
                   engagement: Engagement) -> int:
    rows, mappings, counter = [], [], 0
    now = datetime.combine(days[-1], time(23, 59))
    for team in teams:
        members = [p for p in people if p.team_id == team.id]
        sources = SUPPORT_SOURCES if team.name.startswith("Support") else ACCOUNT_SOURCES
        mappings += [TeamMapping(source=s, external_group=f"{team.name} queue", team=team) for s in sources]
        for monday in sorted({d - timedelta(days=d.weekday()) for d in days}):
            level = engagement.level(team.id, monday, weeks_before=CSAT_LAG_WEEKS)
            for _ in range(rng.poisson(WEEKLY_RATINGS_PER_PERSON * len(members))):
                source = str(rng.choice(list(sources), p=list(sources.values())))
                kind, raw, score, satisfied = _rating(source, 0.3 + 0.9 * level + rng.normal(0, 1))
                offset = timedelta(seconds=int(rng.integers(0, 7 * 86400)))
                rated_at = datetime.combine(monday, time(0)) + offset
                if rated_at > now:
                    continue
                counter += 1
                rows.append({"source": source, "external_id": f"{source}-{100000 + counter}", "kind": kind,
                             "raw_value": raw, "score": score, "satisfied": satisfied, "rated_at": rated_at,
                             "team_id": team.id, "agent_email": members[rng.integers(len(members))].email,
                             "imported_at": rated_at})
    db.session.add_all(mappings)
    db.session.execute(sa.insert(Rating), rows)
    return len(rows)
