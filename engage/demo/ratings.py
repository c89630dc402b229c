"""Customer ratings for the demo teams from three help-desk sources.

A week's share of satisfied customers moves with the team's engagement two weeks earlier, and as
much with everything else that week (ticket mix, outages, a difficult account), and each week's
CSAT % comes from about 20 ratings (2.4 per person, 15 to 60), so a single team's weekly link is as
loose as in published studies (r about 0.2-0.4). When in the week customers rate, and what some write,
see customer_voice.
"""

from datetime import date, datetime, time, timedelta

import numpy as np
import sqlalchemy as sa

from engage.demo.customer_voice import Shifts, comments, praise_suggestions_on
from engage.demo.engagement import CSAT_LAG_WEEKS, Engagement, monday
from engage.extensions import db
from engage.insights.service_hours import commonest_zone
from engage.models import Employee, Rating, Team, TeamMapping

SUPPORT_CSAT_SOURCES = {"zendesk": 0.7, "intercom": 0.3}
SATISFIED_LOGIT = 1.5  # about 82% of customers satisfied in an average week
TEAM_LEVEL_EFFECT = 0.25
ENGAGEMENT_EFFECT = 0.40
OTHER_WEEKLY_EFFECTS = 0.38
CSAT_PER_PERSON_AND_WEEK = 2.4
CSAT_PER_WEEK = (15, 60)
NPS_PER_PERSON_AND_WEEK = 0.8
ZENDESK_STARS_ABOVE = (-2.2, -1.0, 0.0, 1.3)  # a customer's mood above each bound adds a star


def _rows(source: str, moods: np.ndarray) -> list[dict]:
    """Each customer's answer on the source's own scale and on the common 0-100 scale."""
    if source == "zendesk":
        stars = 1 + np.searchsorted(ZENDESK_STARS_ABOVE, moods)
        return [
            {"kind": "csat", "raw_value": str(s), "score": (s - 1) * 25.0, "satisfied": bool(s >= 4)}
            for s in stars.tolist()
        ]
    if source == "intercom":
        return [
            {
                "kind": "csat",
                "raw_value": "good" if good else "bad",
                "score": 100.0 if good else 0.0,
                "satisfied": good,
            }
            for good in (moods > 0).tolist()
        ]
    nps = np.clip(np.round(8.2 + 1.1 * moods), 0, 10).astype(int)
    return [
        {"kind": "nps", "raw_value": str(n), "score": n * 10.0, "satisfied": n >= 9} for n in nps.tolist()
    ]


def _week(
    rng: np.random.Generator,
    talk: np.random.Generator,
    week: date,
    counts: dict[str, int],
    week_mood: float,
    shifts: Shifts,
    members: list[Employee],
) -> list[dict]:
    """One week's ratings of one team: times, moods and agents drawn from rng in the order they always were
    (so the weekly figures stay those of the same seed); comments from their own stream (talk)."""
    rows = []
    for source, n in counts.items():
        moods = week_mood + rng.logistic(size=n)
        seconds = shifts.seconds(rng.integers(0, 7 * 86400, n).tolist())
        agents = [members[i] for i in rng.integers(len(members), size=n).tolist()]
        answers = _rows(source, moods + shifts.mood_at(seconds))
        texts: list[str | None] = [None] * n
        accounts: list[str | None] = [None] * n
        if source != "delighted":
            first_names = [agent.name.split()[0] for agent in agents]
            texts, accounts = comments(talk, [a["satisfied"] for a in answers], first_names)
        for answer, at, agent, text, account in zip(answers, seconds, agents, texts, accounts, strict=True):
            rated_at = datetime.combine(week, time(0)) + timedelta(seconds=int(at))
            rows.append(
                answer
                | {
                    "source": source,
                    "rated_at": rated_at,
                    "imported_at": rated_at,
                    "agent_email": agent.email,
                    "comment": text,
                    "account": account,
                }
            )
    return rows


def create_ratings(
    teams: list[Team], people: list[Employee], days: list[date], engagement: Engagement
) -> int:
    rows, mappings = [], []
    now = datetime.combine(days[-1], time(23, 59))
    mondays = sorted({monday(d) for d in days})
    for team_number, team in enumerate(teams):
        members = [p for p in people if p.team_id == team.id]
        # The zone the team's page reads its hours in.
        zone = commonest_zone((p.timezone for p in members if p.timezone), "UTC")
        support = team.name.startswith("Support")
        csat_sources = SUPPORT_CSAT_SOURCES if support else {"zendesk": 1.0}
        sources = list(csat_sources) + ([] if support else ["delighted"])
        mappings += [TeamMapping(source=s, external_group=f"{team.name} queue", team=team) for s in sources]
        csat_per_week = np.clip(CSAT_PER_PERSON_AND_WEEK * len(members), *CSAT_PER_WEEK)
        for week in mondays:
            rng = engagement.stream("ratings", team_number, engagement.weeks_ago(week))
            talk = engagement.stream("rating comments", team_number, engagement.weeks_ago(week))
            week_mood = (
                SATISFIED_LOGIT
                + TEAM_LEVEL_EFFECT * engagement.team_level[team.id]
                + ENGAGEMENT_EFFECT * engagement.swing(team.id, week, weeks_before=CSAT_LAG_WEEKS)
                + rng.normal(0, OTHER_WEEKLY_EFFECTS)
            )
            counts = {s: rng.poisson(csat_per_week * share) for s, share in csat_sources.items()}
            if not support:
                counts["delighted"] = rng.poisson(NPS_PER_PERSON_AND_WEEK * len(members))
            shifts = Shifts(week, zone, team_number)
            week_rows = _week(rng, talk, week, counts, week_mood, shifts, members)
            rows += [row | {"team_id": team.id} for row in week_rows if row["rated_at"] <= now]
    for counter, row in enumerate(rows, start=1):
        row["external_id"] = f"{row['source']}-{100000 + counter}"
    db.session.add_all([*mappings, praise_suggestions_on()])
    db.session.execute(sa.insert(Rating.__table__), rows)
    return len(rows)
