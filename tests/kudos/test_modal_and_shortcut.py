import json
from decimal import Decimal

import sqlalchemy as sa

from engage.extensions import db
from engage.models import CompanyValue, CustomerAccount, Kudos
from tests.kudos.helpers import modal_submission
from tests.slack_requests import block_suggestion, interactive, message_shortcut


def _view(call) -> dict:
    view = call.params["view"]
    return json.loads(view) if isinstance(view, str) else view


def test_modal_submission_records_a_save_with_account_and_revenue(
    client, fake_slack, make_team, make_employee, kudos_settings
):
    kudos_settings(channel="C0KUDOS")
    team = make_team("Success")
    make_employee(team, slack_user_id="UGIVER")
    ann = make_employee(team, slack_user_id="UANN")
    value = CompanyValue(name="Customer first")
    db.session.add(value)
    db.session.commit()

    body = modal_submission(
        ["UANN"],
        message="Turned the Acme churn call around",
        account="new:Acme Corp",
        crm_id="CRM-1",
        revenue="120,000.50",
        currency="eur",
        value_id=value.id,
    )
    response = interactive(client, body)

    assert response.status_code == 200 and not response.data
    [kudos] = db.session.scalars(sa.select(Kudos)).all()
    assert kudos.account.name == "Acme Corp" and kudos.account.crm_id == "CRM-1"
    assert kudos.revenue_kept == Decimal("120000.50") and kudos.currency == "EUR"
    assert kudos.value_id == value.id
    assert [r.employee_id for r in kudos.recipients] == [ann.id]
    public = [c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "C0KUDOS"]
    assert len(public) == 1
    assert "Acme Corp" in json.dumps(public[0].params["blocks"])
    assert "120,000.50" not in json.dumps(public[0].params["blocks"])
    assert [c.params["channel"] for c in fake_slack.calls_to("chat.postMessage")].count("UANN") == 1


def test_revenue_shows_publicly_when_the_admin_turns_it_on(client, fake_slack, make_employee, kudos_settings):
    kudos_settings(channel="C0KUDOS", show_revenue=True)
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    interactive(client, modal_submission(["UANN"], account="new:Acme", revenue="5000"))
    public = [c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "C0KUDOS"]
    assert "$5,000.00 kept" in json.dumps(public[0].params["blocks"])


def test_an_existing_account_is_reused_and_saves_follow_it(client, fake_slack, make_employee):
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    acme = CustomerAccount(name="Acme")
    db.session.add(acme)
    db.session.commit()
    interactive(client, modal_submission(["UANN"], account=f"id:{acme.id}", view_id="V1"))
    interactive(client, modal_submission(["UANN"], account="new:ACME", view_id="V2"))
    assert db.session.scalar(sa.select(sa.func.count(CustomerAccount.id))) == 1
    assert [k.account_id for k in db.session.scalars(sa.select(Kudos))] == [acme.id, acme.id]


def test_resubmitted_modal_records_once(client, fake_slack, make_employee):
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    body = modal_submission(["UANN"], view_id="VSAME")
    interactive(client, body)
    interactive(client, body, retry_num=1)
    assert db.session.scalar(sa.select(sa.func.count(Kudos.id))) == 1
    assert sorted(c.params["channel"] for c in fake_slack.calls_to("chat.postMessage")) == ["UANN", "UGIVER"]


def test_message_shortcut_opens_modal_with_author_and_permalink(client, fake_slack, make_employee):
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UAUTHOR")
    message = {"type": "message", "user": "UAUTHOR", "ts": "1700000000.000100", "text": "Acme renewed!"}
    interactive(client, message_shortcut("UGIVER", "give_kudos", message, channel_id="CSALES"))

    [call] = fake_slack.calls_to("views.open")
    assert call.params["trigger_id"] == "111.222.xxx"
    view = _view(call)
    people = next(b for b in view["blocks"] if b["block_id"] == "kudos_recipients")
    assert people["element"]["initial_users"] == ["UAUTHOR"]
    [permalink] = fake_slack.calls_to("chat.getPermalink")
    assert (permalink.params["channel"], permalink.params["message_ts"]) == ("CSALES", "1700000000.000100")
    metadata = json.loads(view["private_metadata"])
    assert metadata["source_message_url"] == "https://fake.slack.com/archives/CSALES/p1700000000000100"

    body = modal_submission(["UAUTHOR"], private_metadata=view["private_metadata"])
    interactive(client, body)
    [kudos] = db.session.scalars(sa.select(Kudos)).all()
    assert kudos.source_message_url == metadata["source_message_url"]
    dm = next(c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "UAUTHOR")
    assert metadata["source_message_url"] in json.dumps(dm.params["blocks"])


def test_shortcut_builds_the_link_when_get_permalink_fails(client, fake_slack, make_employee):
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UAUTHOR")
    fake_slack.fail_next("chat.getPermalink", status=200, error="channel_not_found")
    message = {"type": "message", "user": "UAUTHOR", "ts": "1700000000.000200"}
    interactive(client, message_shortcut("UGIVER", "give_kudos", message, channel_id="CX"))
    metadata = json.loads(_view(fake_slack.calls_to("views.open")[0])["private_metadata"])
    assert metadata["source_message_url"].endswith("/archives/CX/p1700000000000200")


def test_shortcut_on_a_bot_message_or_own_message_refuses(client, fake_slack, make_employee, respond_url):
    make_employee(slack_user_id="UGIVER")
    bot_message = {"type": "message", "subtype": "bot_message", "bot_id": "B1", "ts": "1.2", "text": "ok"}
    interactive(client, message_shortcut("UGIVER", "give_kudos", bot_message, response_url=respond_url))
    own = {"type": "message", "user": "UGIVER", "ts": "1.3"}
    interactive(client, message_shortcut("UGIVER", "give_kudos", own, response_url=respond_url))
    said = [c.params["text"] for c in fake_slack.calls_to("respond")]
    assert "posted by a bot" in said[0] and "yourself" in said[1]
    assert fake_slack.calls_to("views.open") == []


def test_account_typeahead_offers_matches_and_a_new_account(client, fake_slack, make_employee):
    db.session.add_all(
        [CustomerAccount(name="Acme"), CustomerAccount(name="Acme Labs"), CustomerAccount(name="Globex")]
    )
    db.session.commit()
    response = interactive(client, block_suggestion("UGIVER", "kudos_account", "acm"))
    options = response.get_json()["options"]
    assert [o["text"]["text"] for o in options] == ["Acme", "Acme Labs", "Add new account: acm"]
    response = interactive(client, block_suggestion("UGIVER", "kudos_account", "acme"))
    assert [o["text"]["text"] for o in response.get_json()["options"]] == ["Acme", "Acme Labs"]
