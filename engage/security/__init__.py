"""Hardening that applies to every request: the secret key, body size, headers, throttling, proxies."""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from engage.security import headers, request_size, throttle
from engage.security.secret_key import ensure_secret_key


def init_app(app: Flask) -> None:
    ensure_secret_key(app)
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Werkzeug's documented way to wrap it
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )
    request_size.init_app(app)
    headers.init_app(app)
    throttle.init_app(app)
