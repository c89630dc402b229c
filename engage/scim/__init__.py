"""SCIM 2.0 provisioning under /scim/v2: identity providers create, update and deactivate people and teams."""

from flask import Flask

from engage.extensions import csrf


def init_app(app: Flask) -> None:
    from engage.scim import cli  # noqa: F401 (adds its commands to the engage group)
    from engage.scim.views import bp

    csrf.exempt(bp)  # bearer tokens only: no cookie is read, so there is nothing to forge
    app.register_blueprint(bp)
