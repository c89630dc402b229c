"""The praise DM's Give kudos button: the kudos form opens filled in, for the agent's manager only."""

import json

import sqlalchemy as sa

from engage.extensions import db
from engage.models import CustomerAccount, Kudos
from engage.slack.blocks.praise import GIVE_KUDOS_ACTION
from tests.slack_requests import block_action, interactive, view_submission


def opened_view(fake_slack) -> dict:
    [call] = fake_slack.calls_to("views.open")
    view = call.params["view"]
    return json.loads(view) if isinstance(view, str) else view


def block(view: dict, block_id: str) -> dict:
    return next(b for b in view["blocks"] if b["block_id"] == block_id)["element"]


def test_the_form_opens_with_the_agent_the_new_account_and_the_quote(client, fake_slack, people, rated):
    rating = rated("ana@example.com", "Ana sorted my   refund\nin one call", account="Acme Corp")

    interactive(client, block_action("UMANAGER", GIVE_KUDOS_ACTION, str(rating.id)))

    view = opened_view(fake_slack)
    assert block(view, "kudos_recipients")["initial_users"] == ["UANA"]
    quote = "A customer wrote: “Ana sorted my refund in one call”"
    assert block(view, "kudos_message")["initial_value"] == quote
    assert block(view, "kudos_account")["initial_option"] == {
        "text": {"type": "plain_text", "text": "Add new account: Acme Corp", "emoji": True},
        "value": "new:Acme Corp",
    }


def test_a_known_account_is_picked_and_submitting_records_the_save(client, fake_slack, people, rated):
    acme = CustomerAccount(name="ACME Corp")
    db.session.add(acme)
    db.session.commit()
    rating = rated("ana@example.com", "Ana sorted my refund in one call", account="Acme Corp")
    interactive(client, block_action("UMANAGER", GIVE_KUDOS_ACTION, str(rating.id)))
    view = opened_view(fake_slack)
    option = block(view, "kudos_account")["initial_option"]
    assert option["value"] == f"id:{acme.id}"

    reason = block(view, "kudos_message")["initial_value"]
    values = {
        "kudos_recipients": {"kudos_recipients": {"type": "multi_users_select", "selected_users": ["UANA"]}},
        "kudos_account": {"kudos_account": {"type": "external_select", "selected_option": option}},
        "kudos_message": {"kudos_message": {"type": "plain_text_input", "value": reason}},
    }
    interactive(client, view_submission("UMANAGER", "kudos_submit", values, view["private_metadata"]))

    [kudos] = db.session.scalars(sa.select(Kudos)).all()
    assert kudos.account_id == acme.id and kudos.message.startswith("A customer wrote: “Ana sorted")
    assert [r.employee.slack_user_id for r in kudos.recipients] == ["UANA"]


def test_someone_other_than_the_agents_manager_is_told_and_sees_no_form(client, fake_slack, people, rated):
    rating = rated("ana@example.com", "Ana sorted my refund in one call")

    interactive(client, block_action("UBEN", GIVE_KUDOS_ACTION, str(rating.id)))
    interactive(client, block_action("UMANAGER", GIVE_KUDOS_ACTION, "not-a-number"))
    unhappy = rated("ana@example.com", "Slow and unhelpful", satisfied=False)
    interactive(client, block_action("UMANAGER", GIVE_KUDOS_ACTION, str(unhappy.id)))

    notes = [c.params["text"] for c in fake_slack.calls_to("chat.postEphemeral")]
    assert notes == [
        "Only Ana Lima's manager can give kudos from this praise.",
        "That button does not name a customer's rating: it is not one of engage's.",
        "That praise is no longer there: the rating changed, or the agent left.",
    ]
    assert fake_slack.calls_to("views.open") == []
