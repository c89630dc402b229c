"""Single sign-on through OpenID Connect (Authlib): Slack's and any other provider's, by one code path."""

from authlib.integrations.flask_client import OAuth
from flask import Flask

from engage.sso.providers import providers_from_config
from engage.sso.registry import EXTENSION, Registered


def init_app(app: Flask) -> None:
    from engage.sso import cli  # noqa: F401 (adds its commands to the engage group)

    oauth = OAuth(app)
    registered = {}
    for provider in providers_from_config(app.config):
        client = oauth.register(
            provider.name,
            client_id=provider.client_id,
            client_secret=provider.client_secret,
            server_metadata_url=provider.discovery_url,
            client_kwargs={
                "scope": provider.scopes,
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": provider.token_auth_method,
                "default_timeout": app.config["SSO_HTTP_TIMEOUT"],
            },
        )
        registered[provider.name] = Registered(provider, client)
    app.extensions[EXTENSION] = registered
