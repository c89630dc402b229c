"""A manager's teams with answers, ratings and kudos around the Monday digest of 23 November 2026."""

from datetime import UTC, date, datetime

import pytest

from engage.digests.cycle import run_digest_cycle
from engage.extensions import db
from engage.models import CustomerAccount
from tests.insights.conftest import answer, give_kudos, questions, rate  # noqa: F401 (fixtures)

MONDAY = date(2026, 11, 23)
LAST_WEEK = date(2026, 11, 17)  # a Tuesday of the week reported on
WEEK_BEFORE = date(2026, 11, 10)


@pytest.fixture
def test_config(slack_config):
    return slack_config | {
        "PULSE_LOCAL_HOUR": 10,
        "ENGAGE_TIMEZONE": "UTC",
        "SLACK_SENDS_PER_SECOND": 0,
        "ANONYMITY_THRESHOLD": 5,
        "COMMENT_ANONYMITY_THRESHOLD": 6,
        "ENGAGE_BASE_URL": "https://engage.example.com",
    }


@pytest.fixture
def slack_clock(fake_slack):
    """Slack's message timestamps follow the simulated Monday."""
    fake_slack.ts_base = int(datetime(2026, 11, 23, 10, 0, tzinfo=UTC).timestamp())
    return fake_slack


@pytest.fixture
def team_of(make_team, make_employee):
    """team_of(name, n, manager): a team of n people reporting to the manager."""

    def make(name: str, n: int, manager, parent=None):
        team = make_team(name, parent)
        return team, [make_employee(team, manager_id=manager.id) for _ in range(n)]

    return make


@pytest.fixture
def account(app):
    saved = CustomerAccount(name="Acme")
    db.session.add(saved)
    db.session.commit()
    return saved


@pytest.fixture
def digest_cycle(app):
    def run(now: datetime):
        report = run_digest_cycle(app, now)
        db.session.expire_all()
        return report

    return run
