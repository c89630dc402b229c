"""Every documented /api/v1 operation, driven by schemathesis from /api/v1/openapi.json with all its checks.

Bounded and deterministic: a fixed seed, derandomised generation, no example database and a few examples
per operation. A failure prints the request as a curl command.
"""

from datetime import date, timedelta

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from engage import create_app
from engage.auth.tokens import create_token
from engage.validation.dates import DateInputError, parse_date
from engage.web.filters import MAX_DAYS

SEED = 14
EXAMPLES_PER_OPERATION = 25
IMPORTS = "^/api/v1/(ratings|ticket-outcomes)$"

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "generation": {"max-examples": EXAMPLES_PER_OPERATION, "deterministic": True, "database": "none"},
        "operations": [
            {
                # A well-formed row can still name a team, group or agent engage doesn't know, or a value
                # its scale has no place for: the documented 422, which no schema can foresee.
                "include-path-regex": IMPORTS,
                "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "401", "403", "422"]}},
            }
        ],
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


def _day(raw: object) -> date | None:
    try:
        return parse_date(raw, "day") if isinstance(raw, str) else None
    except DateInputError:
        return None


def keep_start_within_the_documented_span_of_end(query: dict) -> None:
    """Move end to start when two valid dates break the rule that spans both parameters (start on or before
    end, and at most MAX_DAYS[granularity] days before it): the schema has no way to say it, the 400 is
    documented, and random years would break it in almost every request."""
    start, end = _day(query.get("start")), _day(query.get("end"))
    granularity = query.get("granularity", "week")
    limit = MAX_DAYS.get(granularity) if isinstance(granularity, str) else None
    if start is None or limit is None or ("end" in query and end is None):
        return
    end = end or date.today()
    if not start <= end <= start + timedelta(days=limit):
        query["end"] = start.isoformat()


@pytest.fixture
def hr_token(app, company) -> str:
    """One token for all of an operation's examples (hypothesis shares function-scoped fixtures)."""
    return create_token("hr", "contract test")


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
def test_every_operation_keeps_its_contract(case, app, hr_token):
    UNDER_TEST.app = app
    keep_start_within_the_documented_span_of_end(case.query or {})
    case.call_and_validate(headers={"Authorization": f"Bearer {hr_token}"})
