from typing import Any, NamedTuple

from flask import Flask, current_app

from engage.sso.providers import Provider

EXTENSION = "engage.sso"


class Registered(NamedTuple):
    provider: Provider
    client: Any  # authlib's FlaskOAuth2App


def registered(name: str) -> Registered | None:
    return current_app.extensions[EXTENSION].get(name)


def configured_providers(app: Flask | None = None) -> tuple[Provider, ...]:
    app = app or current_app
    return tuple(entry.provider for entry in app.extensions[EXTENSION].values())
