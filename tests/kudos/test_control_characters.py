"""Control characters from Slack: dropped from kudos reasons (line breaks and tabs kept), refused in
account names, and a form's unreadable metadata is no 500. Markup in people's words stays text."""

import json

import sqlalchemy as sa

from engage.extensions import db
from engage.models import CustomerAccount, Kudos
from tests.kudos.helpers import modal_submission
from tests.slack_requests import interactive


def test_a_kudos_reason_keeps_line_breaks_and_tabs_but_not_control_characters(
    client, fake_slack, make_employee
):
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    message = "Saved\x00 the \x1b[2Jrenewal\u202e\nthanks\tagain\x07"
    assert interactive(client, modal_submission(["UANN"], message=message)).status_code == 200
    [kudos] = db.session.scalars(sa.select(Kudos)).all()
    assert kudos.message == "Saved the [2Jrenewal\nthanks\tagain"


def test_an_account_name_with_control_characters_is_refused_beside_the_field(
    client, fake_slack, make_employee
):
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    response = interactive(client, modal_submission(["UANN"], account="new:Acme\x1b[31m Corp"))
    assert response.status_code == 200
    errors = response.get_json()["errors"]
    assert "control character(s) (U+001B)" in errors["kudos_account"]
    assert db.session.scalars(sa.select(CustomerAccount)).all() == []
    assert db.session.scalars(sa.select(Kudos)).all() == []


def test_unreadable_private_metadata_still_records_the_kudos(client, fake_slack, make_employee):
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    for metadata in ("not json", "[1]", "null"):
        body = modal_submission(["UANN"], private_metadata=metadata, view_id=f"V-{metadata}")
        assert interactive(client, body).status_code == 200
    assert len(db.session.scalars(sa.select(Kudos)).all()) == 3


def test_markup_typed_in_the_form_is_posted_as_text_and_pings_nobody(
    client, fake_slack, make_employee, kudos_settings
):
    kudos_settings(channel="C0KUDOS")
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    message = "<!channel> Ann & Bo kept <https://evil.example|Acme> happy"
    body = modal_submission(["UANN"], message=message, account="new:<!here> Corp")
    assert interactive(client, body).status_code == 200
    [kudos] = db.session.scalars(sa.select(Kudos)).all()
    assert kudos.message == message and kudos.account.name == "<!here> Corp"
    [public] = [c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "C0KUDOS"]
    posted = public.params["text"] + json.dumps(public.params["blocks"])
    assert "<!channel>" not in posted and "<!here>" not in posted and "<https://evil" not in posted
    assert "&lt;!channel&gt; Ann &amp; Bo kept &lt;https://evil.example|Acme&gt; happy" in posted
    assert "&lt;!here&gt; Corp" in posted


def test_a_slash_commands_escaped_text_is_stored_as_typed_and_posted_escaped_once(
    client, fake_slack, make_employee, kudos_settings, kudos_command
):
    kudos_settings(channel="C0KUDOS")
    make_employee(slack_user_id="UGIVER")
    make_employee(slack_user_id="UANN")
    # Slack sends a command's text with &, < and > escaped (mentions aside).
    assert kudos_command("<@UANN> for calming R&amp;D's &lt;angry&gt; client").status_code == 200
    [kudos] = db.session.scalars(sa.select(Kudos)).all()
    assert kudos.message == "calming R&D's <angry> client"
    [public] = [c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "C0KUDOS"]
    assert "calming R&amp;D's &lt;angry&gt; client" in json.dumps(public.params["blocks"])
