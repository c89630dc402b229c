import re

from openapi_spec_validator import validate

from engage.web.api.openapi import add_openapi


def _rule_as_openapi(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule)


def test_document_is_valid_openapi_31(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_every_documented_path_and_method_is_served(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    served = {}
    for rule in app.url_map.iter_rules():
        served.setdefault(_rule_as_openapi(rule.rule), set()).update(m.lower() for m in rule.methods)
    assert len(document["paths"]) >= 7
    for path, operations in document["paths"].items():
        assert path in served, f"{path} is documented but not served"
        assert set(operations) <= served[path], f"{path}: documented {set(operations)}, served {served[path]}"


def test_every_read_endpoint_is_documented(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            assert _rule_as_openapi(rule.rule) in document["paths"]


def test_other_packages_add_their_paths(app, client):
    add_openapi(
        app,
        {"/api/v1/healthz-extra": {"get": {"summary": "extra", "responses": {"200": {"description": "ok"}}}}},
        {"Extra": {"type": "object"}},
    )
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["paths"]["/api/v1/healthz-extra"]["get"]["summary"] == "extra"
    assert document["components"]["schemas"]["Extra"] == {"type": "object"}
    assert "/api/v1/teams" in document["paths"]
    validate(document)
