"""Listing: startIndex/count pagination, and the discovery documents identity providers read first."""

from tests.scim.conftest import SCIM_JSON, scim_error


def test_pages_follow_start_index_and_count_in_id_order(scim, make_employee):
    people = [make_employee() for _ in range(5)]

    page = scim.get("/Users", startIndex="2", count="2").get_json()

    assert (page["totalResults"], page["startIndex"], page["itemsPerPage"]) == (5, 2, 2)
    assert [r["id"] for r in page["Resources"]] == [str(people[1].id), str(people[2].id)]
    assert scim.get("/Users", startIndex="5", count="10").get_json()["itemsPerPage"] == 1
    assert scim.get("/Users", count="0").get_json() == {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": 5,
        "startIndex": 1,
        "itemsPerPage": 0,
        "Resources": [],
    }


def test_a_count_that_is_not_a_number_is_invalid(scim):
    assert "count must be a whole number" in scim_error(scim.get("/Users", count="ten"), 400, "invalidValue")


def test_discovery_documents_name_what_engage_supports(scim):
    config = scim.get("/ServiceProviderConfig")
    assert config.mimetype == SCIM_JSON
    body = config.get_json()
    assert body["patch"]["supported"] is True and body["bulk"]["supported"] is False
    assert body["filter"] == {"supported": True, "maxResults": 200}

    types = scim.get("/ResourceTypes").get_json()
    assert [t["endpoint"] for t in types["Resources"]] == ["/Users", "/Groups"]
    assert (
        scim.get("/ResourceTypes/User")
        .get_json()["schemaExtensions"][0]["schema"]
        .endswith("enterprise:2.0:User")
    )

    schemas = scim.get("/Schemas").get_json()["Resources"]
    assert {s["name"] for s in schemas} == {"User", "EnterpriseUser", "Group"}
    user = scim.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").get_json()
    assert "userName" in [a["name"] for a in user["attributes"]]
