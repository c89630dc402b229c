"""The kept-alive Web API client answers as slack_sdk's own does, over one connection a thread."""

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from engage.slack.keepalive import KeepAliveWebClient


def client_for(fake_slack, client_class: type[WebClient] = KeepAliveWebClient) -> WebClient:
    return client_class(
        token="xoxb-test",
        base_url=fake_slack.api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )


def update(client: WebClient, ts: str) -> None:
    client.chat_update(channel="D1", ts=ts, text="You answered 4")


def test_calls_from_one_thread_share_one_connection(fake_slack):
    client = client_for(fake_slack)
    for ts in ("1.1", "1.2", "1.3"):
        update(client, ts)
    calls = fake_slack.calls_to("chat.update")
    assert [c.params["ts"] for c in calls] == ["1.1", "1.2", "1.3"]
    assert len({c.peer for c in calls}) == 1
    assert calls[0].headers["Authorization"] == "Bearer xoxb-test"


def test_a_connection_slack_closed_is_replaced_and_each_call_made_once(fake_slack):
    fake_slack.drop_connections = True
    client = client_for(fake_slack)
    for ts in ("1.1", "1.2", "1.3"):
        update(client, ts)
    calls = fake_slack.calls_to("chat.update")
    assert [c.params["ts"] for c in calls] == ["1.1", "1.2", "1.3"]
    assert len({c.peer for c in calls}) == 3


@pytest.mark.parametrize("client_class", [WebClient, KeepAliveWebClient])
def test_a_429_is_waited_out_and_retried(fake_slack, client_class):
    fake_slack.fail_next("chat.update", status=429, retry_after=0)
    update(client_for(fake_slack, client_class), "1.1")
    assert len(fake_slack.calls_to("chat.update")) == 2


@pytest.mark.parametrize("client_class", [WebClient, KeepAliveWebClient])
@pytest.mark.parametrize("status", [200, 500])
def test_slacks_errors_raise_slack_api_error_with_its_answer(fake_slack, client_class, status):
    fake_slack.fail_next("chat.update", status=status, error="message_not_found")
    client = client_for(fake_slack, client_class)
    with pytest.raises(SlackApiError) as failed:
        update(client, "1.1")
    answer = failed.value.response
    assert (answer.status_code, answer["error"]) == (status, "message_not_found")
    update(client, "1.2")  # and the next call goes through
    assert len(fake_slack.calls_to("chat.update")) == 2
