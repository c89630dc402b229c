"""A manager with two agents in London, customers' ratings with comments, and the praise job's clock."""

import json
from datetime import UTC, datetime
from itertools import count

import pytest

from engage.extensions import db
from engage.kudos.settings import KudosSettings, save_settings
from engage.models import Rating
from engage.praise.cycle import run_praise_cycle

MONDAY_10 = datetime(2026, 11, 23, 10, 0)  # UTC: 10:00 in London, the pulse hour in these tests
SUNDAY_15 = datetime(2026, 11, 22, 15, 0)


@pytest.fixture
def test_config(slack_config):
    return slack_config | {
        "PULSE_LOCAL_HOUR": 10,
        "ENGAGE_TIMEZONE": "UTC",
        "SLACK_SENDS_PER_SECOND": 0,
    }


@pytest.fixture
def praise_on(app):
    save_settings(KudosSettings("", 5, False, False, praise_suggestions=True))


@pytest.fixture
def people(make_team, make_employee):
    """manager, ana and ben (reporting to the manager), all in London."""
    team = make_team("Support")
    manager = make_employee(team, name="Mina Manager", slack_user_id="UMANAGER")
    reports = [
        make_employee(team, name=name, email=email, slack_user_id=slack_id, manager_id=manager.id)
        for name, email, slack_id in (
            ("Ana Lima", "ana@example.com", "UANA"),
            ("Ben Okafor", "ben@example.com", "UBEN"),
        )
    ]
    return manager, *reports


@pytest.fixture
def rated(app, fake_slack):
    """rated(agent_email, comment, at=SUNDAY_15, satisfied=True, account=None), imported when rated."""
    fake_slack.ts_base = int(MONDAY_10.replace(tzinfo=UTC).timestamp())
    ids = count(1)

    def make(agent_email, comment, at=SUNDAY_15, satisfied=True, account=None) -> Rating:
        rating = Rating(
            source="zendesk",
            external_id=str(next(ids)),
            kind="csat",
            raw_value="good" if satisfied else "bad",
            score=100.0 if satisfied else 0.0,
            satisfied=satisfied,
            rated_at=at,
            imported_at=at,
            agent_email=agent_email,
            comment=comment,
            account=account,
        )
        db.session.add(rating)
        db.session.commit()
        return rating

    return make


@pytest.fixture
def praise_cycle(app):
    def run(now: datetime):
        report = run_praise_cycle(app, now)
        db.session.expire_all()
        return report

    return run


def dms(fake_slack, user_id: str) -> list[dict]:
    return [c.params for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == user_id]


def section_texts(message: dict) -> list[str]:
    blocks = message["blocks"]
    blocks = blocks if isinstance(blocks, list) else json.loads(blocks)
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]
