"""SCIM attribute paths (`name.givenName`, `emails[type eq "work"].value`) and `eq` filters."""

import json
import re
from dataclasses import dataclass, field

from engage.scim.errors import ScimError, invalid_path
from engage.scim.schemas import MULTI_VALUED, NAME_PARTS

PATH = re.compile(r"^(?P<attr>[A-Za-z][\w$-]*)(?:\[(?P<filter>[^\]]*)\])?(?:\.(?P<sub>[A-Za-z][\w$-]*))?$")
EQ = re.compile(
    r'^\s*(?P<attr>[A-Za-z][\w.$:-]*)\s+(?P<op>[A-Za-z]+)\s+(?P<value>"(?:[^"\\]|\\.)*"|true|false)\s*$',
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Shape:
    """A resource type's core schema, the attributes engage keeps, and its extensions' attributes."""

    core: str
    attributes: dict[str, str]
    extensions: dict[str, dict[str, str]] = field(default_factory=dict)

    def extension(self, key: str) -> str | None:
        return next((urn for urn in self.extensions if urn.lower() == key.lower()), None)


@dataclass(frozen=True)
class Path:
    extension: str | None  # the extension's URN; None for a core attribute
    attribute: str
    item_filter: tuple[str, str] | None  # (sub-attribute, value) of `attr[sub eq "value"]`
    sub: str | None


@dataclass(frozen=True)
class Equals:
    attribute: str
    value: str


def parse_equals(text: str) -> Equals:
    """`attr eq "value"`, the one filter the identity providers send; anything else is refused."""
    match = EQ.match(text)
    if not match:
        raise ScimError(
            400, f'cannot read the filter {text!r}; engage takes attribute eq "value"', "invalidFilter"
        )
    if match["op"].lower() != "eq":
        raise ScimError(400, f"filter operator {match['op']!r} is not supported; use eq", "invalidFilter")
    value = json.loads(match["value"].lower() if match["value"][0] != '"' else match["value"])
    return Equals(match["attr"], str(value).lower() if isinstance(value, bool) else value)


def parse_path(text: str, shape: Shape) -> Path | None:
    """The path, or None for an attribute engage does not keep (accepted and ignored)."""
    rest, extension = text.strip(), None
    for urn in (shape.core, *shape.extensions):
        if rest.lower().startswith(urn.lower() + ":"):
            rest, extension = rest[len(urn) + 1 :], (None if urn == shape.core else urn)
            break
    match = PATH.match(rest)
    if not match:
        raise invalid_path(
            f'path {text!r} is not a SCIM attribute path (like name.givenName, emails[type eq "work"].value)'
        )
    known = shape.extensions[extension] if extension else shape.attributes
    attribute = known.get(match["attr"].lower())
    if attribute is None:
        return None
    item_filter = None
    if match["filter"] is not None:
        if attribute not in MULTI_VALUED:
            raise invalid_path(f"path {text!r} filters {attribute}, which holds one value")
        equals = parse_equals(match["filter"])
        item_filter = (equals.attribute.lower(), equals.value)
    sub = match["sub"]
    if sub is not None:
        sub = NAME_PARTS.get(sub.lower()) if attribute == "name" else sub.lower()
        if sub is None:
            return None
    return Path(extension, attribute, item_filter, sub)
