"""PATCH (RFC 7644 section 3.5.2) applied to a copy of a resource, as Okta and Entra ID send it.

The result is read and checked like a PUT body, so a PATCH with any bad operation changes nothing.
"""

import copy

from engage.scim.errors import ScimError, invalid_syntax, invalid_value
from engage.scim.paths import Path, Shape, parse_path
from engage.scim.schemas import MULTI_VALUED

OPERATIONS = ("add", "replace", "remove")


def apply_patch(resource: dict, body: object, shape: Shape) -> dict:
    document = copy.deepcopy(resource)
    for operation in _operations(body):
        name = operation["op"].lower()
        path, value = operation.get("path"), operation.get("value")
        if path is None:
            _apply_without_path(document, name, value, shape)
        elif not isinstance(path, str):
            raise invalid_syntax(f"an operation's path must be a string, not {path!r}")
        elif (parsed := parse_path(path, shape)) is not None:
            _apply_at(document, name, parsed, value)
    return document


def _operations(body: object) -> list[dict]:
    operations = body.get("Operations", body.get("operations")) if isinstance(body, dict) else None
    if not isinstance(operations, list) or not operations:
        raise invalid_syntax('a PATCH body needs "Operations": a list of {"op", "path", "value"} objects')
    for operation in operations:
        op = operation.get("op") if isinstance(operation, dict) else None
        if not isinstance(op, str) or op.lower() not in OPERATIONS:
            raise invalid_syntax(f"each operation needs an op of add, replace or remove, not {op!r}")
    return operations


def _apply_without_path(document: dict, name: str, value: object, shape: Shape) -> None:
    if name == "remove":
        raise ScimError(400, "a remove operation needs a path naming what to remove", "noTarget")
    if not isinstance(value, dict):
        raise invalid_value(f"an {name} operation without a path needs an object value, not {value!r}")
    for key, item in value.items():
        extension = shape.extension(key)
        if extension is not None and isinstance(item, dict):
            for sub_key, sub_item in item.items():
                if (path := parse_path(f"{extension}:{sub_key}", shape)) is not None:
                    _apply_at(document, name, path, sub_item)
        elif (path := parse_path(key, shape)) is not None:
            _apply_at(document, name, path, item)


def _apply_at(document: dict, name: str, path: Path, value: object) -> None:
    container = document if path.extension is None else document.setdefault(path.extension, {})
    if path.item_filter is not None:
        _apply_to_items(container, name, path, path.item_filter, value)
    elif path.sub is not None:
        parent = container.get(path.attribute)
        if not isinstance(parent, dict):
            parent = container[path.attribute] = {}
        if name == "remove":
            parent.pop(path.sub, None)
        else:
            parent[path.sub] = value
    elif path.attribute in MULTI_VALUED:
        _apply_to_list(container, name, path.attribute, value)
    elif name == "remove":
        container.pop(path.attribute, None)
    elif isinstance(value, dict) and isinstance(container.get(path.attribute), dict):
        container[path.attribute] = {**container[path.attribute], **value}
    else:
        container[path.attribute] = value


def items_of(attribute: str, value: object) -> list[dict]:
    """A multi-valued attribute's items, with lower-case keys (`{"value": "12", "display": ...}`)."""
    items = [value] if isinstance(value, dict) else value
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise invalid_value(f'{attribute} must be a list of objects like {{"value": "..."}}, not {value!r}')
    return [{str(key).lower(): item_value for key, item_value in item.items()} for item in items]


def _apply_to_list(container: dict, name: str, attribute: str, value: object) -> None:
    current = container.get(attribute) or []
    if name == "remove" and value is None:
        container.pop(attribute, None)
    elif name == "remove":  # Entra ID: {"op": "Remove", "path": "members", "value": [{"value": "id"}]}
        gone = {str(item.get("value")) for item in items_of(attribute, value)}
        container[attribute] = [item for item in current if str(item.get("value")) not in gone]
    elif name == "add":
        present = {str(item.get("value")) for item in current}
        container[attribute] = current + [
            item for item in items_of(attribute, value) if str(item.get("value")) not in present
        ]
    else:
        container[attribute] = items_of(attribute, value)


def _apply_to_items(
    container: dict, name: str, path: Path, item_filter: tuple[str, str], value: object
) -> None:
    key, wanted = item_filter
    items = container.get(path.attribute) or []
    matches = [item for item in items if str(item.get(key, "")).lower() == wanted.lower()]
    if name == "remove":
        if path.sub is None:
            container[path.attribute] = [item for item in items if not any(item is m for m in matches)]
        else:
            for item in matches:
                item.pop(path.sub, None)
        return
    if not matches:  # Entra ID sets emails[type eq "work"].value on a person who has none yet
        matches = [{key: wanted}]
        container[path.attribute] = items + matches
    for item in matches:
        if path.sub is not None:
            item[path.sub] = value
        else:
            item.update(items_of(path.attribute, value)[0])
