"""The discovery documents (RFC 7643 sections 5-7): what engage supports, its resource types, its schemas."""

from flask import url_for

from engage.scim.listing import MAX_RESULTS
from engage.scim.schemas import ENTERPRISE_USER, GROUP, RESOURCE_TYPE, SCHEMA, SERVICE_PROVIDER_CONFIG, USER


def _attribute(name: str, kind: str = "string", **options) -> dict:
    return {
        "name": name,
        "type": kind,
        "multiValued": options.pop("multi", False),
        "required": options.pop("required", False),
        "caseExact": options.pop("case_exact", False),
        "mutability": options.pop("mutability", "readWrite"),
        "returned": "default",
        "uniqueness": options.pop("uniqueness", "none"),
        **options,
    }


USER_ATTRIBUTES = [
    _attribute("userName", required=True, uniqueness="server", description="The person's work email"),
    _attribute(
        "name",
        "complex",
        subAttributes=[_attribute("formatted"), _attribute("givenName"), _attribute("familyName")],
    ),
    _attribute("displayName", description="The name engage shows; else given and family name"),
    _attribute(
        "emails", "complex", multi=True, mutability="readOnly", description="userName, as the work email"
    ),
    _attribute("active", "boolean", description="false deactivates the person; they are never deleted"),
    _attribute("timezone", description="IANA time zone, like Europe/Berlin"),
    _attribute("groups", "complex", multi=True, mutability="readOnly", description="The person's team"),
]
ENTERPRISE_ATTRIBUTES = [
    _attribute("manager", "complex", subAttributes=[_attribute("value", description="The manager's id")]),
]
GROUP_ATTRIBUTES = [
    _attribute("displayName", required=True, uniqueness="server", description="The team's name"),
    _attribute(
        "members",
        "complex",
        multi=True,
        subAttributes=[
            _attribute("value", mutability="immutable"),
            _attribute("display", mutability="readOnly"),
        ],
    ),
]
SCHEMAS = {
    USER: ("User", "An engage person", USER_ATTRIBUTES),
    ENTERPRISE_USER: ("EnterpriseUser", "The person's manager", ENTERPRISE_ATTRIBUTES),
    GROUP: ("Group", "An engage team", GROUP_ATTRIBUTES),
}


def service_provider_config() -> dict:
    return {
        "schemas": [SERVICE_PROVIDER_CONFIG],
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": "A token from engage's SCIM page or flask engage create-scim-token",
                "primary": True,
            }
        ],
        "meta": {"resourceType": "ServiceProviderConfig", "location": url_for("scim.config", _external=True)},
    }


def resource_types() -> list[dict]:
    return [
        _resource_type("User", "/Users", USER, [ENTERPRISE_USER]),
        _resource_type("Group", "/Groups", GROUP, []),
    ]


def _resource_type(name: str, endpoint: str, schema: str, extensions: list[str]) -> dict:
    return {
        "schemas": [RESOURCE_TYPE],
        "id": name,
        "name": name,
        "endpoint": endpoint,
        "schema": schema,
        "schemaExtensions": [{"schema": urn, "required": False} for urn in extensions],
        "meta": {
            "resourceType": "ResourceType",
            "location": url_for("scim.resource_type", name=name, _external=True),
        },
    }


def schemas() -> list[dict]:
    return [
        {
            "schemas": [SCHEMA],
            "id": urn,
            "name": name,
            "description": description,
            "attributes": attributes,
            "meta": {"resourceType": "Schema", "location": url_for("scim.schema", urn=urn, _external=True)},
        }
        for urn, (name, description, attributes) in SCHEMAS.items()
    ]
