from flask import Flask


def init_app(app: Flask) -> None:
    from engage.people import cli  # noqa: F401 (adds its commands to the engage group)
