"""The requests Microsoft Entra ID sends, as its SCIM guide shows them ("Protocol requests and responses",
learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).

Entra ID's examples use random userNames; a tenant provisioning engage maps userName to the work email,
so these use addresses. Its ops are capitalised ("Replace") and its booleans may be strings ("False").
"""

from engage.extensions import db
from engage.models import Employee, Team
from tests.scim.conftest import ENTERPRISE

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"


def entra_create(user_name: str, external_id: str) -> dict:
    return {
        "schemas": [USER, ENTERPRISE],
        "externalId": external_id,
        "userName": user_name,
        "active": True,
        "emails": [{"primary": True, "type": "work", "value": user_name}],
        "meta": {"resourceType": "User"},
        "name": {"formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName"},
        "roles": [],
    }


def person(resource_id: str) -> Employee:
    db.session.expire_all()
    return db.session.get_one(Employee, int(resource_id))


def test_entra_user_lifecycle_create_find_update_disable_enable_delete(scim):
    assert scim.get("/Users", filter='userName eq "kim@contoso.com"').get_json()["totalResults"] == 0
    created = scim.post("/Users", entra_create("kim@contoso.com", "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"))
    assert created.status_code == 201
    user = created.get_json()
    assert person(user["id"]).name == "givenName familyName"

    by_external = scim.get("/Users", filter='externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"').get_json()
    assert [r["id"] for r in by_external["Resources"]] == [user["id"]]

    updated = scim.patch(
        f"/Users/{user['id']}",
        {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "kim@contoso.com"},
        {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"},
    )
    assert updated.status_code == 200
    assert person(user["id"]).name == "givenName updatedFamilyName"

    renamed = scim.patch(
        f"/Users/{user['id']}", {"op": "Replace", "path": "userName", "value": "kim.a@contoso.com"}
    )
    assert renamed.get_json()["userName"] == "kim.a@contoso.com"
    assert person(user["id"]).email == "kim.a@contoso.com"

    disabled = scim.patch(f"/Users/{user['id']}", {"op": "Replace", "path": "active", "value": "False"})
    assert disabled.get_json()["active"] is False and person(user["id"]).active is False
    enabled = scim.patch(f"/Users/{user['id']}", {"op": "Replace", "path": "active", "value": "True"})
    assert enabled.get_json()["active"] is True and person(user["id"]).active is True

    assert scim.delete(f"/Users/{user['id']}").status_code == 204
    assert person(user["id"]).active is False, "deleting deactivates; the person is never deleted"
    assert scim.get(f"/Users/{user['id']}").get_json()["active"] is False


def test_entra_display_name_wins_over_the_name_parts(scim):
    user = scim.post("/Users", entra_create("kim@contoso.com", "k1")).get_json()

    scim.patch(
        f"/Users/{user['id']}",
        {"op": "Add", "path": "displayName", "value": "Kim Akers"},
        {"op": "Replace", "path": "name.givenName", "value": "Kimberly"},
    )

    assert person(user["id"]).name == "Kim Akers"
    assert scim.get(f"/Users/{user['id']}").get_json()["name"]["givenName"] == "Kimberly"


def test_entra_manager_is_added_and_removed_by_its_extension_path(scim):
    boss = scim.post("/Users", entra_create("boss@contoso.com", "b1")).get_json()
    report = scim.post("/Users", entra_create("kim@contoso.com", "k1")).get_json()
    manager_path = f"{ENTERPRISE}:manager"

    added = scim.patch(f"/Users/{report['id']}", {"op": "Add", "path": manager_path, "value": boss["id"]})
    assert added.get_json()[ENTERPRISE]["manager"]["value"] == boss["id"]
    assert person(report["id"]).manager.email == "boss@contoso.com"

    scim.patch(f"/Users/{report['id']}", {"op": "Remove", "path": manager_path})
    assert person(report["id"]).manager is None


def test_entra_groups_create_find_without_members_rename_add_remove_delete(scim):
    kim = scim.post("/Users", entra_create("kim@contoso.com", "k1")).get_json()
    created = scim.post(
        "/Groups",
        {
            "schemas": [GROUP, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
            "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
            "displayName": "Support",
            "meta": {"resourceType": "Group"},
        },
    )
    assert created.status_code == 201
    group = created.get_json()
    assert group["externalId"] == "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"

    found = scim.get("/Groups", excludedAttributes="members", filter='displayName eq "Support"').get_json()
    assert found["totalResults"] == 1 and "members" not in found["Resources"][0]
    assert "members" not in scim.get(f"/Groups/{group['id']}", excludedAttributes="members").get_json()

    scim.patch(f"/Groups/{group['id']}", {"op": "Replace", "path": "displayName", "value": "Support EMEA"})
    assert db.session.get(Team, int(group["id"])).name == "Support EMEA"

    scim.patch(
        f"/Groups/{group['id']}",
        {"op": "Add", "path": "members", "value": [{"$ref": None, "value": kim["id"]}]},
    )
    assert person(kim["id"]).team.name == "Support EMEA"

    scim.patch(
        f"/Groups/{group['id']}",
        {"op": "Remove", "path": "members", "value": [{"$ref": None, "value": kim["id"]}]},
    )
    assert person(kim["id"]).team is None

    assert scim.delete(f"/Groups/{group['id']}").status_code == 204
    assert db.session.get(Team, int(group["id"])) is None
