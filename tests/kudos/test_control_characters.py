"""Control characters from Slack: dropped from kudos reasons (line breaks and tabs kept), refused in
account names, and a form's unreadable metadata is no 500."""

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
