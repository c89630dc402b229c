"""Every documented /api/v1 operation, driven by schemathesis from /api/v1/openapi.json with every check.

Bounded and deterministic: a fixed seed, derandomised generation, no example database, a few examples per
operation. A failure prints the request as a curl command.
"""

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from engage import create_app
from engage.auth.tokens import create_token

SEED = 14
EXAMPLES_PER_OPERATION = 25

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "generation": {"max-examples": EXAMPLES_PER_OPERATION, "deterministic": True, "database": "none"},
    }
)


class RunningTestApp:
    """A WSGI app that hands each request, schemathesis' probes included, to the running test's app."""

    app: Flask | None = None

    def __call__(self, environ, start_response):
        assert self.app is not None, "no test is running"
        return self.app(environ, start_response)


UNDER_TEST = RunningTestApp()
# The document needs no database: it is read from an app that never opens one.
UNDER_TEST.app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "-"})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", UNDER_TEST, config=CONFIG)


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
def test_every_operation_keeps_its_contract(case, app, company):
    UNDER_TEST.app = app
    case.call_and_validate(headers={"Authorization": f"Bearer {create_token('hr', 'contract test')}"})
