"""Every rule refuses with a clear message and writes nothing."""

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import CustomerAccount, Kudos, KudosRecipient
from tests.kudos.helpers import modal_submission
from tests.slack_requests import interactive


@pytest.fixture
def roster(make_employee):
    make_employee(slack_user_id="UGIVER", timezone="America/New_York")
    make_employee(slack_user_id="UANN")
    make_employee(slack_user_id="UOLD", active=False)
    for n in range(6):
        make_employee(slack_user_id=f"UPEER{n}")


def _nothing_written() -> bool:
    return (
        db.session.scalar(sa.select(sa.func.count(Kudos.id))) == 0
        and db.session.scalar(sa.select(sa.func.count(CustomerAccount.id))) == 0
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("<@UGIVER> for being me", "can't give kudos to yourself"),
        ("<@UANN> <@UGIVER|me> for teamwork", "can't give kudos to yourself"),
        ("<@USLACKBOT> for reminders", "<@USLACKBOT>: not in the engage roster"),
        ("<@UOLD|old> for the old days", "<@UOLD>: no longer an active employee"),
        ("<@UANN>", "the reason can't be empty"),
        ("<@UANN> for   ", "the reason can't be empty"),
        ("<!subteam^S123|support> for all of it", "not groups"),
        ("@ann for typing it by hand", "couldn't tell who @ann is"),
    ],
)
def test_command_refusals(client, fake_slack, roster, kudos_command, text, said):
    answer = kudos_command(text).get_json()
    assert said in answer["text"]
    assert answer["response_type"] == "ephemeral"
    assert _nothing_written()
    assert fake_slack.calls_to("chat.postMessage") == []


def test_giver_not_in_roster_is_told_to_ask_hr(client, fake_slack, roster, kudos_command):
    assert "ask HR to add you" in kudos_command("<@UANN> thanks", "UNEWBIE").get_json()["text"]
    assert "ask HR to add you" in kudos_command("", "UNEWBIE").get_json()["text"]
    assert fake_slack.calls_to("views.open") == []
    assert _nothing_written()


def test_form_that_slack_cannot_open_says_so(fake_slack, roster, kudos_command):
    fake_slack.fail_next("views.open", status=200, error="expired_trigger_id")
    kudos_command("")
    assert "could not open the kudos form" in fake_slack.calls_to("respond")[0].params["text"]


def test_allowance_counts_people_thanked_per_day(client, fake_slack, roster, kudos_command, kudos_settings):
    kudos_settings(allowance=3)
    kudos_command("<@UPEER0> <@UPEER1> for the launch")
    refusal = kudos_command("<@UPEER2> <@UPEER3> for the fix").get_json()["text"]
    assert "daily kudos allowance" in refusal and "1 left today" in refusal
    kudos_command("<@UPEER2> for the fix")
    assert "0 left today" in kudos_command("<@UPEER3> for the docs").get_json()["text"]
    assert db.session.scalar(sa.select(sa.func.count(KudosRecipient.id))) == 3


def test_allowance_defaults_to_config(app, client, fake_slack, roster, kudos_command):
    app.config["KUDOS_DAILY_ALLOWANCE"] = 1
    assert "thank 1 people a day" in kudos_command("<@UPEER0> <@UPEER1> for the launch").get_json()["text"]
    assert _nothing_written()


def _modal(recipients, account=None, **fields):
    return modal_submission(recipients, account=f"new:{account}" if account else None, **fields)


@pytest.mark.parametrize(
    ("body", "block", "said"),
    [
        (_modal(["UGIVER"]), "kudos_recipients", "yourself"),
        (_modal(["UANN", "UBOT1"]), "kudos_recipients", "<@UBOT1>: not in the engage roster"),
        (_modal(["UOLD"]), "kudos_recipients", "no longer an active employee"),
        (_modal([]), "kudos_recipients", "mention at least one person"),
        (_modal(["UANN"], message="  "), "kudos_message", "can't be empty"),
        (_modal(["UANN"], revenue="lots", account="Acme"), "kudos_revenue", "must be a number"),
        (_modal(["UANN"], revenue="-5", account="Acme"), "kudos_revenue", "can't be negative"),
        (_modal(["UANN"], revenue="10.555", account="Acme"), "kudos_revenue", "at most 2 decimals"),
        (_modal(["UANN"], revenue="1000"), "kudos_revenue", "needs the customer account"),
        (_modal(["UANN"], revenue="1000", currency="ZZZ", account="Acme"), "kudos_currency", "ISO 4217"),
        (
            _modal(["UPEER0", "UPEER1", "UPEER2", "UPEER3", "UPEER4", "UPEER5"]),
            "kudos_recipients",
            "daily kudos allowance",
        ),
    ],
)
def test_modal_refusals_show_beside_the_field(client, fake_slack, roster, body, block, said):
    response = interactive(client, body)
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["response_action"] == "errors"
    assert said in answer["errors"][block]
    assert _nothing_written()
    assert fake_slack.calls_to("chat.postMessage") == []
