"""Kudos are public by default: posted in the kudos channel, else where they were given if that is public."""

import json

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import Kudos
from tests.kudos.helpers import modal_submission
from tests.slack_requests import interactive, message_shortcut

DM_ONLY = "by DM (no kudos channel is set and this conversation isn't public)"


@pytest.fixture
def people(make_employee):
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UBO", name="Bo")


def _posted_to(fake_slack) -> list[str]:
    return [c.params["channel"] for c in fake_slack.calls_to("chat.postMessage")]


def _said(response) -> str:
    return response.get_json()["text"]


def _opened_view(fake_slack) -> dict:
    view = fake_slack.calls_to("views.open")[0].params["view"]
    return json.loads(view) if isinstance(view, str) else view


def _kudos() -> Kudos:
    db.session.expire_all()
    return db.session.scalars(sa.select(Kudos)).one()


def test_slash_command_in_a_public_channel_posts_there(client, fake_slack, people, kudos_command):
    response = kudos_command("<@UBO> for saving Acme", channel_id="C0SUPPORT", channel_name="support")
    assert "Kudos for <@UBO> posted in <#C0SUPPORT|support>." in _said(response)
    assert sorted(_posted_to(fake_slack)) == ["C0SUPPORT", "UBO"]
    public = next(c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "C0SUPPORT")
    assert "<@UGIVER> gave kudos to <@UBO>" in public.params["text"]
    assert _kudos().public_channel == "C0SUPPORT" and _kudos().public_ts
    assert fake_slack.calls_to("respond") == [], "the ack told the truth: no follow-up"


@pytest.mark.parametrize(
    "channel_id, channel_name",
    [
        ("D0GIVER", "directmessage"),  # a DM with someone
        ("C0SECRET", "privategroup"),  # a private channel (ids of newer ones start with C too)
        ("G0OLD", "privategroup"),  # a private channel of old
        ("C0GROUP", "mpdm-giver--bo-1"),  # a group DM
    ],
)
def test_slash_command_in_a_conversation_that_is_not_public_goes_by_dm_only(
    client, fake_slack, people, kudos_command, channel_id, channel_name
):
    response = kudos_command("<@UBO> for saving Acme", channel_id=channel_id, channel_name=channel_name)
    assert f"Kudos sent to <@UBO> {DM_ONLY}." in _said(response)
    assert _posted_to(fake_slack) == ["UBO"]
    assert _kudos().public_channel is None
    assert fake_slack.calls_to("conversations.info") == []


def test_a_kudos_channel_set_by_the_admin_wins(client, fake_slack, people, kudos_settings, kudos_command):
    kudos_settings(channel="C0KUDOS")
    response = kudos_command("<@UBO> for saving Acme", channel_id="C0SUPPORT", channel_name="support")
    assert "posted in <#C0KUDOS>." in _said(response)
    assert sorted(_posted_to(fake_slack)) == ["C0KUDOS", "UBO"]


@pytest.mark.parametrize(
    "error, why",
    [
        ("not_in_channel", "engage is not a member of it"),
        ("channel_not_found", "engage cannot see that channel"),
        ("is_archived", "that channel is archived"),
    ],
)
def test_a_failed_post_falls_back_to_dm_and_the_giver_is_told(
    client, fake_slack, people, kudos_settings, kudos_command, error, why
):
    kudos_settings(channel="C0KUDOS")
    fake_slack.fail_next("chat.postMessage", status=200, error=error)
    kudos_command("<@UBO> for saving Acme")
    assert _posted_to(fake_slack) == ["C0KUDOS", "UBO"], "the post was tried, then the DM still went"
    assert _kudos().public_channel is None
    [follow_up] = fake_slack.calls_to("respond")
    said = follow_up.params["text"]
    assert said.startswith(f"Kudos for <@UBO> could not be posted in <#C0KUDOS> ({why}")
    assert said.endswith("), so it was sent to <@UBO> by DM only.")


def _shortcut_then_submit(client, fake_slack, channel_id: str, channel_name: str) -> None:
    message = {"type": "message", "user": "UBO", "ts": "1700000000.000100", "text": "Acme renewed!"}
    interactive(
        client,
        message_shortcut("UGIVER", "give_kudos", message, channel_id=channel_id)
        | {"channel": {"id": channel_id, "name": channel_name}},
    )
    view = _opened_view(fake_slack)
    interactive(client, modal_submission(["UBO"], private_metadata=view["private_metadata"]))


def _giver_was_told(fake_slack) -> str:
    [note] = [
        c.params["text"] for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "UGIVER"
    ]
    return note


def test_message_shortcut_posts_in_the_messages_channel(client, fake_slack, people):
    fake_slack.channels["C0SALES"] = {
        "id": "C0SALES",
        "name": "sales",
        "is_channel": True,
        "is_private": False,
    }
    _shortcut_then_submit(client, fake_slack, "C0SALES", "sales")
    assert sorted(_posted_to(fake_slack)) == ["C0SALES", "UBO", "UGIVER"]
    assert _kudos().public_channel == "C0SALES"
    assert _giver_was_told(fake_slack) == "Kudos for <@UBO> posted in <#C0SALES|sales>."


def test_message_shortcut_in_a_private_channel_goes_by_dm_only(client, fake_slack, people):
    """A shortcut's channel name does not say whether the channel is private: Slack is asked."""
    fake_slack.channels["C0HUSH"] = {"id": "C0HUSH", "name": "hush", "is_channel": True, "is_private": True}
    _shortcut_then_submit(client, fake_slack, "C0HUSH", "hush")
    assert [c.params["channel"] for c in fake_slack.calls_to("conversations.info")] == ["C0HUSH"]
    assert sorted(_posted_to(fake_slack)) == ["UBO", "UGIVER"]
    assert _giver_was_told(fake_slack) == f"Kudos sent to <@UBO> {DM_ONLY}."


def test_the_form_opened_by_a_bare_command_posts_where_it_was_typed(
    client, fake_slack, people, kudos_command
):
    kudos_command("", channel_id="C0SUPPORT", channel_name="support")
    view = _opened_view(fake_slack)
    interactive(client, modal_submission(["UBO"], private_metadata=view["private_metadata"]))
    assert sorted(_posted_to(fake_slack)) == ["C0SUPPORT", "UBO", "UGIVER"]
    assert _giver_was_told(fake_slack) == "Kudos for <@UBO> posted in <#C0SUPPORT|support>."


def test_the_form_tells_the_giver_when_the_post_fails(client, fake_slack, people, kudos_settings):
    kudos_settings(channel="C0KUDOS")
    fake_slack.fail_next("chat.postMessage", status=200, error="not_in_channel")
    interactive(client, modal_submission(["UBO"]))
    assert _posted_to(fake_slack) == ["C0KUDOS", "UBO", "UGIVER"]
    assert "could not be posted in <#C0KUDOS> (engage is not a member of it" in _giver_was_told(fake_slack)
