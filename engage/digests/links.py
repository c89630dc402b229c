"""Absolute links to pages, for Slack messages: on ENGAGE_BASE_URL, none when it is not set."""

from urllib.parse import urlsplit

from flask import current_app


def page_link(endpoint: str, **values) -> str | None:
    base = current_app.config.get("ENGAGE_BASE_URL")
    if not base:
        return None
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    return adapter.build(endpoint, values, force_external=True)
