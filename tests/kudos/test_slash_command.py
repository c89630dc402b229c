import json
import time
from urllib.parse import urlencode

import sqlalchemy as sa

from engage.extensions import db
from engage.models import CustomerAccount, Kudos, KudosRecipient
from tests.slack_requests import payload, post_signed, slash_command, wait_for_background_work


def _kudos() -> list[Kudos]:
    return list(db.session.scalars(sa.select(Kudos).order_by(Kudos.id)))


def _said(response) -> str:
    """The ephemeral text the command's own response (its ack) carries."""
    assert response.get_json()["response_type"] == "ephemeral"
    return response.get_json()["text"]


def test_mentions_record_kudos_post_publicly_and_dm_recipients(
    client, fake_slack, make_team, make_employee, kudos_settings, kudos_command
):
    kudos_settings(channel="C0KUDOS")
    support, sales = make_team("Support"), make_team("Sales")
    giver = make_employee(support, slack_user_id="UGIVER")
    ann = make_employee(support, slack_user_id="UANN", name="Ann")
    bo = make_employee(sales, slack_user_id="UBO", name="Bo")
    db.session.add(CustomerAccount(name="Acme"))
    db.session.commit()

    response = kudos_command("<@UANN|ann> <@UBO> for saving the Acme renewal")

    assert response.status_code == 200
    [kudos] = _kudos()
    assert kudos.giver_id == giver.id and kudos.giver_team_id == support.id
    assert kudos.message == "saving the Acme renewal"
    assert kudos.account.name == "Acme"
    assert {(r.employee_id, r.team_id) for r in kudos.recipients} == {(ann.id, support.id), (bo.id, sales.id)}
    posts = fake_slack.calls_to("chat.postMessage")
    public = [c for c in posts if c.params["channel"] == "C0KUDOS"]
    assert len(public) == 1 and "<@UANN>" in public[0].params["text"] and "<@UBO>" in public[0].params["text"]
    assert kudos.public_channel == "C0KUDOS" and kudos.public_ts
    assert sorted(c.params["channel"] for c in posts if c.params["channel"] != "C0KUDOS") == ["UANN", "UBO"]
    assert "Kudos for <@UANN>, <@UBO> posted in <#C0KUDOS>." in _said(response)
    assert "save of Acme" in _said(response)
    assert fake_slack.calls_to("respond") == []


def test_no_kudos_channel_and_given_in_a_dm_records_and_dms_only(
    client, fake_slack, make_employee, kudos_command
):
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    response = kudos_command("<@UANN> thanks for the handover")
    assert len(_kudos()) == 1
    assert [c.params["channel"] for c in fake_slack.calls_to("chat.postMessage")] == ["UANN"]
    assert (
        "Kudos sent to <@UANN> by DM (no kudos channel is set and this conversation isn't public)."
        in _said(response)
    )


def test_kudos_whose_text_says_payload_is_read_as_a_command(client, fake_slack, make_employee, kudos_command):
    # bolt reads any form body containing "payload" as an interaction with no payload field.
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    response = kudos_command("<@UANN> for fixing the payload of the refund webhook")
    assert response.status_code == 200 and "Kudos sent to <@UANN>" in _said(response)
    [kudos] = _kudos()
    assert kudos.message == "fixing the payload of the refund webhook"


def test_notify_managers_tells_each_manager_once_but_not_the_giver(
    client, fake_slack, make_employee, kudos_settings, kudos_command
):
    kudos_settings(notify_managers=True)
    boss = make_employee(slack_user_id="UBOSS")
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN", manager=boss)
    make_employee(slack_user_id="UBO", manager=boss)
    kudos_command("<@UANN> <@UBO> great teamwork")
    to_boss = [c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "UBOSS"]
    assert len(to_boss) == 1
    assert "<@UANN>, <@UBO>" in to_boss[0].params["text"]

    kudos_command("<@UANN> thanks for the report", user_id="UBOSS")
    to_boss = [c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "UBOSS"]
    assert len(to_boss) == 1, "a manager who gave the kudos is not told about it"


def test_bare_command_opens_the_modal_with_the_trigger_id(client, fake_slack, make_employee, kudos_command):
    make_employee(slack_user_id="UGIVER")
    kudos_command("", trigger_id="trig-42")
    [call] = fake_slack.calls_to("views.open")
    assert call.params["trigger_id"] == "trig-42"
    view = json.loads(call.params["view"]) if isinstance(call.params["view"], str) else call.params["view"]
    assert view["callback_id"] == "kudos_submit"
    block_ids = [b["block_id"] for b in view["blocks"]]
    assert {"kudos_recipients", "kudos_account", "kudos_revenue", "kudos_currency", "kudos_message"} <= set(
        block_ids
    )
    assert _kudos() == []


def test_retried_or_repeated_command_records_once(client, fake_slack, make_employee, respond_url):
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    form = payload("slash_command") | {
        "command": "/kudos",
        "text": "<@UANN> thanks",
        "user_id": "UGIVER",
        "trigger_id": "same-trigger",
        "response_url": respond_url,
        "channel_id": "D0GIVER",
        "channel_name": "directmessage",
    }
    body = urlencode(form)
    post_signed(client, body, "application/x-www-form-urlencoded")
    post_signed(client, body, "application/x-www-form-urlencoded", retry_num=1)
    slash_command(
        client,
        "/kudos",
        "<@UANN> thanks",
        "UGIVER",
        trigger_id="same-trigger",
        response_url=respond_url,
        channel_id="D0GIVER",
        channel_name="directmessage",
    )
    assert len(_kudos()) == 1
    assert db.session.scalar(sa.select(sa.func.count(KudosRecipient.id))) == 1
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


def test_kudos_are_stored_and_confirmed_in_the_ack_then_announced(
    app, fake_slack, make_employee, kudos_settings, kudos_command
):
    kudos_settings(channel="C0KUDOS")
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    fake_slack.latency = 2.0
    started = time.perf_counter()
    response = kudos_command("<@UANN> for covering my shift", wait=False)
    assert time.perf_counter() - started < 1.0
    assert "Kudos for <@UANN> posted in <#C0KUDOS>." in _said(response)
    [kudos] = _kudos()
    assert kudos.public_ts is None  # the announcement has not been made yet
    wait_for_background_work(app)
    assert sorted(c.params["channel"] for c in fake_slack.calls_to("chat.postMessage")) == ["C0KUDOS", "UANN"]
    db.session.expire_all()
    assert kudos.public_channel == "C0KUDOS" and kudos.public_ts
