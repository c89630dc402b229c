import json

import sqlalchemy as sa

from engage.extensions import db
from engage.kudos.settings import get_settings
from engage.models import CompanyValue


def test_admin_adds_edits_and_deactivates_values(client, login, make_user):
    login(make_user("admin"))
    response = client.post(
        "/kudos/admin/values", data={"name": "Own the outcome", "description": "Finish it"}
    )
    assert response.status_code == 302
    value = db.session.scalar(sa.select(CompanyValue))
    assert (value.name, value.description, value.active) == ("Own the outcome", "Finish it", True)

    duplicate = client.post("/kudos/admin/values", data={"name": "own the OUTCOME"})
    assert duplicate.status_code == 400 and "already a value called" in duplicate.get_data(as_text=True)
    assert client.post("/kudos/admin/values", data={"name": ""}).status_code == 400

    client.post(f"/kudos/admin/values/{value.id}", data={"name": "Own outcomes", "description": ""})
    client.post(f"/kudos/admin/values/{value.id}/active")
    db.session.refresh(value)
    assert (value.name, value.description, value.active) == ("Own outcomes", None, False)
    page = client.get("/kudos/admin/values").get_data(as_text=True)
    assert "Own outcomes" in page and "Reactivate" in page
    assert db.session.scalar(sa.select(sa.func.count(CompanyValue.id))) == 1
    assert client.post("/kudos/admin/values/999/active").status_code == 404


def test_only_active_values_are_offered_in_the_modal(client, fake_slack, make_employee, kudos_command):
    make_employee(slack_user_id="UGIVER")
    db.session.add_all([CompanyValue(name="Kept"), CompanyValue(name="Retired", active=False)])
    db.session.commit()
    kudos_command("")
    view = fake_slack.calls_to("views.open")[0].params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    [value_block] = [b for b in view["blocks"] if b["block_id"] == "kudos_value"]
    assert [o["text"]["text"] for o in value_block["element"]["options"]] == ["Kept"]


def test_settings_default_from_config_and_are_saved(app, client, login, make_user):
    app.config["KUDOS_DAILY_ALLOWANCE"] = 7
    login(make_user("admin"))
    page = client.get("/kudos/admin/settings").get_data(as_text=True)
    assert 'value="7"' in page
    response = client.post(
        "/kudos/admin/settings",
        data={
            "public_channel_id": "C0KUDOS1",
            "daily_allowance": "3",
            "show_revenue_publicly": "y",
            "praise_suggestions": "y",
        },
    )
    assert response.status_code == 302
    assert get_settings().__dict__ == {
        "public_channel_id": "C0KUDOS1",
        "daily_allowance": 3,
        "show_revenue_publicly": True,
        "notify_managers": False,
        "praise_suggestions": True,
    }


def test_bad_settings_are_refused_and_nothing_changes(client, login, make_user):
    login(make_user("admin"))
    response = client.post(
        "/kudos/admin/settings", data={"public_channel_id": "#kudos", "daily_allowance": "0"}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "looks like C0123ABCD" in page and "from 1 to 100" in page
    assert get_settings().public_channel_id == ""


def test_hr_cannot_change_kudos_admin(client, login, make_user):
    login(make_user("hr"))
    assert client.post("/kudos/admin/settings", data={"daily_allowance": "9"}).status_code == 403
    assert client.post("/kudos/admin/values", data={"name": "X"}).status_code == 403


def test_value_names_with_control_characters_are_refused(client, login, make_user):
    login(make_user("admin"))
    for data in ({"name": "Own\x00 it"}, {"name": "Own it", "description": "Finish\u202e it"}):
        response = client.post("/kudos/admin/values", data=data)
        assert response.status_code == 400
        assert "contains control character(s)" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(CompanyValue)) is None
