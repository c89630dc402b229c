import itertools
from decimal import Decimal

import pytest

from engage.extensions import db
from engage.kudos.settings import KudosSettings, save_settings
from engage.models import Kudos, KudosRecipient
from engage.models.base import utcnow
from tests.slack_requests import slash_command


@pytest.fixture
def test_config(slack_config):
    return slack_config


@pytest.fixture
def kudos_settings(app):
    def configure(
        channel: str = "C0KUDOS",
        allowance: int = 5,
        show_revenue: bool = False,
        notify_managers: bool = False,
    ) -> None:
        save_settings(KudosSettings(channel, allowance, show_revenue, notify_managers))

    return configure


@pytest.fixture
def respond_url(fake_slack) -> str:
    """A response_url on the fake Slack: respond() calls show up as method 'respond'."""
    return fake_slack.api_url + "respond"


@pytest.fixture
def kudos_command(client, respond_url):
    """Send `/kudos text` as a fresh invocation (its own trigger_id) from user_id, by default in a DM."""
    triggers = itertools.count(1)

    def send(
        text: str,
        user_id: str = "UGIVER",
        trigger_id: str | None = None,
        wait: bool = True,
        channel_id: str = "D0GIVER",
        channel_name: str = "directmessage",
    ):
        return slash_command(
            client,
            "/kudos",
            text,
            user_id,
            response_url=respond_url,
            trigger_id=trigger_id or f"trigger-{next(triggers)}",
            wait=wait,
            channel_id=channel_id,
            channel_name=channel_name,
        )

    return send


@pytest.fixture
def make_kudos(app):
    """Record kudos straight in the database (for pages and counts), at created_at if given."""
    keys = itertools.count(1)

    def make(
        giver,
        recipients,
        message="Thanks!",
        account=None,
        revenue=None,
        currency=None,
        value=None,
        created_at=None,
    ) -> Kudos:
        kudos = Kudos(
            giver=giver,
            giver_team_id=giver.team_id,
            message=message,
            account=account,
            revenue_kept=Decimal(revenue) if revenue is not None else None,
            currency=currency or ("USD" if revenue is not None else None),
            value=value,
            slack_dedupe_key=f"test:{next(keys)}",
            created_at=created_at or utcnow(),
        )
        kudos.recipients = [KudosRecipient(employee=r, team_id=r.team_id) for r in recipients]
        db.session.add(kudos)
        db.session.commit()
        return kudos

    return make
