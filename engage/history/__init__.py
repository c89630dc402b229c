"""History import: pulse answers from a previous survey tool, stored as engage's own answers."""

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.history import cli  # noqa: F401 (adds its command to the engage group)
