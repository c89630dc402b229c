from flask import Flask


def init_app(app: Flask) -> None:
    from engage.pulses import cli  # noqa: F401 (registers the pulse commands)
