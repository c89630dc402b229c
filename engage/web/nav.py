"""The top navigation, built from what each capability adds in its init_app."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask
from flask_login import current_user


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    roles: tuple[str, ...]
    order: int
    shown: Callable[[], bool] | None = None  # asked per request, e.g. only while setup is incomplete


def add_nav_item(
    app: Flask,
    label: str,
    endpoint: str,
    roles=("admin", "hr", "manager"),
    order: int = 50,
    shown: Callable[[], bool] | None = None,
) -> None:
    app.extensions.setdefault("engage.nav", []).append(NavItem(label, endpoint, tuple(roles), order, shown))


def nav_items(app: Flask) -> list[NavItem]:
    if not current_user.is_authenticated:
        return []
    items = app.extensions.get("engage.nav", [])
    mine = (i for i in items if current_user.role in i.roles and (i.shown is None or i.shown()))
    return sorted(mine, key=lambda i: i.order)
