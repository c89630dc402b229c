"""Bad SCIM requests get SCIM error bodies that say what to fix, and change nothing."""

import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee, Team
from tests.scim.conftest import ENTERPRISE, scim_error

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"


def new_user(user_name: str = "kim@example.com", **fields) -> dict:
    return {
        "schemas": [USER],
        "userName": user_name,
        "name": {"givenName": "Kim", "familyName": "Akers"},
    } | fields


def stored() -> list[tuple]:
    db.session.expire_all()
    people = db.session.execute(
        sa.select(Employee.email, Employee.name, Employee.active, Employee.manager_id, Employee.team_id)
    )
    teams = db.session.execute(sa.select(Team.name, Team.external_id))
    return sorted(map(tuple, people)) + sorted(map(tuple, teams))


def test_a_second_user_with_the_same_email_in_another_case_is_a_uniqueness_conflict(scim):
    scim.post("/Users", new_user())

    detail = scim_error(scim.post("/Users", new_user("KIM@example.com")), 409, "uniqueness")

    assert "kim@example.com" in detail
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Employee)) == 1


def test_a_body_that_is_not_json_is_invalid_syntax(scim):
    detail = scim_error(scim.request("POST", "/Users", "{not json"), 400, "invalidSyntax")

    assert "JSON" in detail


def test_missing_user_name_and_name_are_named_in_the_error(scim):
    assert "userName is required" in scim_error(scim.post("/Users", {"schemas": [USER]}), 400, "invalidValue")
    no_name = scim_error(
        scim.post("/Users", {"schemas": [USER], "userName": "a@example.com"}), 400, "invalidValue"
    )
    assert "displayName" in no_name


def test_active_that_is_not_a_boolean_is_refused(scim):
    user = scim.post("/Users", new_user()).get_json()

    detail = scim_error(
        scim.patch(f"/Users/{user['id']}", {"op": "replace", "path": "active", "value": "no"}),
        400,
        "invalidValue",
    )

    assert "active must be true or false" in detail


def test_a_patch_whose_last_operation_is_bad_changes_nothing(scim):
    user = scim.post("/Users", new_user()).get_json()
    before = stored()

    response = scim.patch(
        f"/Users/{user['id']}",
        {"op": "replace", "path": "displayName", "value": "Someone Else"},
        {"op": "replace", "path": "active", "value": False},
        {"op": "replace", "path": "timezone", "value": "Mars/Olympus"},
    )

    assert "Mars/Olympus" in scim_error(response, 400, "invalidValue")
    assert stored() == before


def test_an_unknown_manager_refuses_the_new_user_and_stores_nobody(scim):
    body = new_user(
        **{"schemas": [USER, ENTERPRISE], ENTERPRISE: {"manager": {"value": "nobody@example.com"}}}
    )

    detail = scim_error(scim.post("/Users", body), 400, "invalidValue")

    assert "nobody@example.com" in detail and "provision the manager first" in detail
    assert stored() == []


def test_a_manager_loop_is_refused(scim):
    ana = scim.post("/Users", new_user("ana@example.com")).get_json()
    ben = scim.post(
        "/Users", new_user("ben@example.com", **{ENTERPRISE: {"manager": {"value": ana["id"]}}})
    ).get_json()
    before = stored()

    response = scim.patch(
        f"/Users/{ana['id']}", {"op": "add", "path": f"{ENTERPRISE}:manager", "value": ben["id"]}
    )

    assert "ana@example.com -> ben@example.com -> ana@example.com" in scim_error(
        response, 400, "invalidValue"
    )
    assert stored() == before


def test_unsupported_filters_are_invalid_filter_errors(scim):
    assert "use eq" in scim_error(scim.get("/Users", filter='userName sw "k"'), 400, "invalidFilter")
    assert "userName" in scim_error(scim.get("/Users", filter='title eq "x"'), 400, "invalidFilter")
    assert "cannot read" in scim_error(scim.get("/Users", filter="userName eq kim"), 400, "invalidFilter")


def test_patch_without_operations_or_with_an_unknown_op_is_invalid_syntax(scim):
    user = scim.post("/Users", new_user()).get_json()

    assert "Operations" in scim_error(scim.request("PATCH", f"/Users/{user['id']}", {}), 400, "invalidSyntax")
    bad_op = scim.patch(f"/Users/{user['id']}", {"op": "move", "path": "active", "value": True})
    assert "add, replace or remove" in scim_error(bad_op, 400, "invalidSyntax")
    bad_path = scim.patch(f"/Users/{user['id']}", {"op": "replace", "path": "name..x", "value": 1})
    assert "not a SCIM attribute path" in scim_error(bad_path, 400, "invalidPath")


def test_attributes_engage_does_not_keep_are_accepted_and_ignored(scim):
    user = scim.post("/Users", new_user(title="Engineer", phoneNumbers=[{"value": "1"}])).get_json()

    response = scim.patch(f"/Users/{user['id']}", {"op": "Replace", "path": "title", "value": "Lead"})

    assert response.status_code == 200 and "title" not in response.get_json()


def test_unknown_ids_and_endpoints_are_404_scim_errors(scim):
    assert "no User with id '999'" in scim_error(scim.get("/Users/999"), 404)
    assert "no Group with id 'abc'" in scim_error(scim.get("/Groups/abc"), 404)
    assert "no SCIM endpoint" in scim_error(scim.get("/Bulk"), 404)


def test_a_group_with_an_unknown_member_is_refused_whole(scim):
    body = {"schemas": [GROUP], "displayName": "Support", "members": [{"value": "12345"}]}

    assert "'12345'" in scim_error(scim.post("/Groups", body), 400, "invalidValue")
    assert stored() == []


def test_a_group_name_taken_in_another_case_or_with_a_slash_is_refused(scim, make_team):
    make_team("Support")

    assert "already the team" in scim_error(
        scim.post("/Groups", {"displayName": "SUPPORT"}), 409, "uniqueness"
    )
    slash = scim.post("/Groups", {"displayName": "Support / EMEA"})
    assert "'/'" in scim_error(slash, 400, "invalidValue")


def test_deleting_a_group_that_still_has_people_is_refused(scim, make_team, make_employee):
    team = make_team("Support")
    make_employee(team=team, active=False)

    detail = scim_error(scim.delete(f"/Groups/{team.id}"), 409)

    assert "still has 1 people" in detail
    assert db.session.get(Team, team.id) is not None


def test_deleting_a_group_whose_team_holds_past_answers_is_refused(
    scim, make_team, make_employee, give_answer
):
    team = make_team("Support")
    other = make_team("Billing")
    give_answer(make_employee(team=other), team)

    detail = scim_error(scim.delete(f"/Groups/{team.id}"), 409)

    assert "holds history" in detail
    assert db.session.get(Team, team.id) is not None


def test_a_body_over_the_upload_limit_is_a_scim_413(scim, app):
    app.config["MAX_CONTENT_LENGTH"] = 1024

    response = scim.post("/Users", new_user(displayName="x" * 2000))

    assert "larger than the" in scim_error(response, 413)
