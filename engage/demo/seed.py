"""A believable demo company: teams, people, a year of pulses, kudos and customer ratings."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from engage.demo.company import TEAMS, create_company, create_demo_users
from engage.demo.engagement import Engagement
from engage.demo.internal_service import IT_SIZE, create_internal_service
from engage.demo.kudos import create_kudos
from engage.demo.pulses import create_pulses
from engage.demo.ratings import create_ratings
from engage.extensions import db
from engage.insights import rollups
from engage.models.base import utcnow
from engage.pulses.question_bank import install_question_bank

log = logging.getLogger(__name__)

DEMO_DAYS = 364  # 52 weeks before today
# A company whose teams' weekly links average r = 0.33 at lag 2, like the published studies', and whose
# 11 teams pooled show it over the default 26 weeks; with some other seeds 26 weeks are not enough (3 of
# the first 14 seeds), as in real life.
DEFAULT_SEED = 14


@dataclass(frozen=True)
class DemoSummary:
    teams: int
    people: int
    answers: int
    kudos: int
    ratings: int


def seed_demo(seed: int = DEFAULT_SEED, today: date | None = None) -> DemoSummary:
    """Fill an empty database with the demo company (the same company for the same seed and day)."""
    rng = np.random.default_rng(seed)
    today = today or utcnow().date()
    days = [d for d in (today - timedelta(days=n) for n in range(DEMO_DAYS, 0, -1)) if d.weekday() < 5]
    try:
        install_question_bank()
        company = create_company(rng)
        team_ids = [t.id for t in company.teams.values()]
        engagement = Engagement(seed, team_ids, days[-1])
        answers = create_pulses(rng, company.people, days, engagement)
        facing = [company.teams[plan.name] for plan in TEAMS if plan.customer_facing]
        kudos = create_kudos(rng, company.people, days, {t.id for t in facing})
        ratings = create_ratings(facing, company.people, days, engagement)
        answers += create_internal_service(seed, company, days)
        create_demo_users(company)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    rollups.refresh(full=True)  # the demo is back-dated, so the watermark would not see it
    people = len(company.people) + IT_SIZE
    summary = DemoSummary(len(team_ids) + 1, people, answers, kudos, ratings)
    log.info("demo company seeded: %s", summary)
    return summary
