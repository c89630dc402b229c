"""The top navigation, built from what each capability adds in its init_app."""
from dataclasses import dataclass

from flask import Flask
from flask_login import current_user


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    roles: tuple[str, ...]
    order: int


def add_nav_item(
    app: Flask, label: str, endpoint: str, roles=("admin", "hr", "manager"), order: int = 50
) -> None:
    app.extensions.setdefault("engage.nav", []).append(NavItem(label, endpoint, tuple(roles), order))


def nav_items(app: Flask) -> list[NavItem]:
    if not current_user.is_authenticated:
        return []
    items = app.extensions.get("engage.nav", [])
    return sorted((i for i in items if current_user.role in i.roles), key=lambda i: i.order)
