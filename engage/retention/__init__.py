"""Retention and erasure: erase a person, export what engage holds about them, and the retention job."""

from flask import Flask


def init_app(app: Flask) -> None:
    from engage.retention import cli  # noqa: F401 (adds its commands to the engage group)
