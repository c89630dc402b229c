"""The requests Okta sends, in order, as its SCIM 2.0 reference shows them.

From developer.okta.com/docs/reference/scim/scim-20; its addresses end in okta.local, a reserved name
that engage (like the roster) refuses, so these use example.com.
"""

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee, PulseResponse, Team
from tests.scim.conftest import ENTERPRISE, SCIM_JSON, scim_error

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"

OKTA_CREATE = {
    "schemas": [USER],
    "userName": "test.user@example.com",
    "name": {"givenName": "Test", "familyName": "User"},
    "emails": [{"primary": True, "value": "test.user@example.com", "type": "work"}],
    "displayName": "Test User",
    "locale": "en-US",
    "externalId": "00ujl29u0le5T6Aj10h7",
    "groups": [],
    "password": "1mz050nq",
    "active": True,
}


def okta_filter(scim, user_name: str):
    return scim.get("/Users", filter=f'userName eq "{user_name}"', startIndex="1", count="100")


def test_okta_user_lifecycle_create_find_update_deactivate_reactivate(scim):
    empty = okta_filter(scim, "test.user@example.com")
    assert empty.status_code == 200 and empty.mimetype == SCIM_JSON
    assert empty.get_json() == {
        "schemas": [LIST],
        "totalResults": 0,
        "startIndex": 1,
        "itemsPerPage": 0,
        "Resources": [],
    }

    created = scim.post("/Users", OKTA_CREATE)
    assert created.status_code == 201
    user = created.get_json()
    assert created.headers["Location"] == user["meta"]["location"]
    assert user["userName"] == "test.user@example.com"
    assert user["externalId"] == "00ujl29u0le5T6Aj10h7"
    assert user["name"]["givenName"] == "Test" and user["active"] is True
    person = db.session.get(Employee, int(user["id"]))
    assert (person.email, person.name, person.active) == ("test.user@example.com", "Test User", True)

    found = okta_filter(scim, "test.user@example.com").get_json()
    assert found["totalResults"] == 1 and found["Resources"][0]["id"] == user["id"]
    assert scim.get(f"/Users/{user['id']}").get_json()["displayName"] == "Test User"

    renamed = dict(user, name={"givenName": "Another", "familyName": "User"}, displayName="Another User")
    updated = scim.put(f"/Users/{user['id']}", renamed)
    assert updated.status_code == 200 and updated.get_json()["name"]["givenName"] == "Another"
    db.session.expire_all()
    assert db.session.get(Employee, int(user["id"])).name == "Another User"

    deactivated = scim.patch(f"/Users/{user['id']}", {"op": "replace", "value": {"active": False}})
    assert deactivated.status_code == 200 and deactivated.get_json()["active"] is False
    db.session.expire_all()
    assert db.session.get(Employee, int(user["id"])).active is False

    reactivated = scim.patch(f"/Users/{user['id']}", {"op": "replace", "value": {"active": True}})
    assert reactivated.get_json()["active"] is True
    db.session.expire_all()
    assert db.session.get(Employee, int(user["id"])).active is True


def test_okta_finds_a_person_from_the_roster_by_email_in_any_case(scim, make_employee):
    person = make_employee(email="ana.lima@example.com", name="Ana Lima")

    found = okta_filter(scim, "Ana.Lima@Example.com").get_json()

    assert [r["id"] for r in found["Resources"]] == [str(person.id)]
    assert found["Resources"][0]["name"] == {
        "formatted": "Ana Lima",
        "givenName": "Ana",
        "familyName": "Lima",
    }


def test_okta_manager_in_the_enterprise_extension_links_the_manager(scim):
    boss = scim.post("/Users", dict(OKTA_CREATE, userName="boss@example.com", externalId="b1")).get_json()
    report = dict(OKTA_CREATE, schemas=[USER, ENTERPRISE], **{ENTERPRISE: {"manager": {"value": boss["id"]}}})

    created = scim.post("/Users", report).get_json()

    assert created[ENTERPRISE]["manager"]["value"] == boss["id"]
    assert db.session.get(Employee, int(created["id"])).manager.email == "boss@example.com"


def test_okta_group_push_create_rename_add_and_remove_members_delete(scim, make_employee):
    person = make_employee(email="test.user@example.com")
    assert scim.get("/Groups", filter='displayName eq "Test SCIMv2"').get_json()["totalResults"] == 0

    created = scim.post("/Groups", {"schemas": [GROUP], "displayName": "Test SCIMv2", "members": []})
    assert created.status_code == 201
    group = created.get_json()
    assert group["displayName"] == "Test SCIMv2" and group["members"] == []
    assert scim.get(f"/Groups/{group['id']}").get_json()["id"] == group["id"]

    renamed = scim.patch(
        f"/Groups/{group['id']}", {"op": "replace", "value": {"id": group["id"], "displayName": "Support"}}
    )
    assert renamed.get_json()["displayName"] == "Support"

    added = scim.patch(
        f"/Groups/{group['id']}",
        {"op": "add", "path": "members", "value": [{"value": str(person.id), "display": person.email}]},
    )
    assert [m["value"] for m in added.get_json()["members"]] == [str(person.id)]
    db.session.expire_all()
    assert db.session.get(Employee, person.id).team.name == "Support"

    removed = scim.patch(
        f"/Groups/{group['id']}", {"op": "remove", "path": f'members[value eq "{person.id}"]'}
    )
    assert removed.get_json()["members"] == []
    db.session.expire_all()
    assert db.session.get(Employee, person.id).team is None

    assert scim.delete(f"/Groups/{group['id']}").status_code == 204
    assert scim.get(f"/Groups/{group['id']}").status_code == 404


def test_adding_a_person_to_a_group_moves_them_and_their_past_answers_stay_with_the_old_team(
    scim, make_team, make_employee, give_answer
):
    old_team = make_team("Billing")
    person = make_employee(team=old_team)
    give_answer(person, old_team)
    group = scim.post("/Groups", {"schemas": [GROUP], "displayName": "Support", "members": []}).get_json()

    scim.patch(
        f"/Groups/{group['id']}", {"op": "add", "path": "members", "value": [{"value": str(person.id)}]}
    )

    db.session.expire_all()
    assert db.session.get(Employee, person.id).team.name == "Support"
    assert db.session.scalar(sa.select(PulseResponse.team_id)) == old_team.id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Team)) == 2


def test_a_reserved_domain_like_okta_local_is_refused_with_what_to_fix(scim):
    detail = scim_error(
        scim.post("/Users", dict(OKTA_CREATE, userName="test.user@okta.local")), 400, "invalidValue"
    )

    assert "test.user@okta.local" in detail and "email" in detail
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Employee)) == 0
