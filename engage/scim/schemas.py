"""The SCIM schema URNs engage speaks, and the attributes it keeps (names as SCIM spells them)."""

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"

# Attribute names are case-insensitive in SCIM: each kept attribute by its lower-case name.
USER_ATTRIBUTES = {
    name.lower(): name
    for name in ("id", "externalId", "userName", "name", "displayName", "emails", "active", "timezone")
}
NAME_PARTS = {name.lower(): name for name in ("givenName", "familyName", "formatted")}
ENTERPRISE_ATTRIBUTES = {"manager": "manager"}
GROUP_ATTRIBUTES = {name.lower(): name for name in ("id", "externalId", "displayName", "members")}
MULTI_VALUED = {"emails", "members"}
