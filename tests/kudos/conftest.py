import itertools

import pytest

from engage.kudos.settings import KudosSettings, save_settings
from tests.slack_requests import slash_command


@pytest.fixture
def test_config(slack_config):
    return slack_config


@pytest.fixture
def kudos_settings(app):
    def configure(channel: str = "C0KUDOS", allowance: int = 5, show_revenue: bool = False,
                  notify_managers: bool = False) -> None:
        save_settings(KudosSettings(channel, allowance, show_revenue, notify_managers))

    return configure


@pytest.fixture
def respond_url(fake_slack) -> str:
    """A response_url on the fake Slack: respond() calls show up as method 'respond'."""
    return fake_slack.api_url + "respond"


@pytest.fixture
def kudos_command(client, respond_url):
    """Send `/kudos text` as a fresh invocation (its own trigger_id) from user_id."""
    triggers = itertools.count(1)

    def send(text: str, user_id: str = "UGIVER", trigger_id: str | None = None):
        return slash_command(client, "/kudos", text, user_id, response_url=respond_url,
                             trigger_id=trigger_id or f"trigger-{next(triggers)}")

    return send
