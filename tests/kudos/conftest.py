import pytest

from engage.kudos.settings import KudosSettings, save_settings


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
