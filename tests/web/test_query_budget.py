"""Statements per request on the main pages and API calls: at most half of what they ran before issue 14.

Cold is the first request after the figures cache was emptied, warm the same request again.
"""

import re

import pytest

from engage.extensions import db
from engage.insights import cache
from tests.conftest import PASSWORD
from tests.statements import counted

# Statements per request (cold, warm) on this seeded company before issue 14 (SQLite).
BEFORE = {
    "hr": {
        "/dashboard/": (19, 12),
        "/dashboard/teams": (16, 6),
        "/dashboard/teams/{support}": (26, 16),
        "/dashboard/comments": (10, 7),
        "/dashboard/heatmap": (9, 4),
        "/dashboard/export.csv": (12, 4),
        "/dashboard/correlation.csv": (10, 4),
        "/api/v1/teams": (5, 5),
        "/api/v1/teams/{support}/trend": (12, 6),
        "/api/v1/teams/{support}/correlation": (15, 9),
        "/api/v1/org/correlation": (9, 6),
        "/api/v1/org/trend": (12, 6),
        "/api/v1/drivers/heatmap": (11, 6),
        "/api/v1/comments?team_id={support}": (10, 7),
    },
    "manager": {
        "/dashboard/": (30, 20),
        "/dashboard/teams": (24, 10),
        "/dashboard/teams/{support}": (34, 26),
        "/dashboard/comments": (14, 11),
        "/dashboard/heatmap": (14, 6),
        "/dashboard/export.csv": (18, 6),
        "/dashboard/correlation.csv": (14, 6),
        "/api/v1/teams": (8, 8),
        "/api/v1/teams/{support}/trend": (17, 9),
        "/api/v1/teams/{support}/correlation": (18, 14),
        "/api/v1/org/correlation": (12, 9),
        "/api/v1/drivers/heatmap": (17, 9),
        "/api/v1/comments?team_id={support}": (13, 10),
    },
}


# Statements that features added since then need, on top of half the old count: the comment threads and
# their repliers' names (conversations on comments), and the audit event an export writes.
ADDED = {
    "/dashboard/comments": 2,
    "/dashboard/export.csv": 1,
    "/dashboard/correlation.csv": 1,
}


@pytest.fixture
def signed_in(app, company, make_user, bearer):
    """A client signed in as the role, and bearer headers of the same person for the API."""

    def sign_in(role: str):
        user = make_user(role, employee=company.people["Support"][0] if role == "manager" else None)
        headers = bearer(role, user if role == "manager" else None)
        client = app.test_client()
        assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
        return client, headers

    return sign_in


def statements_of(client, url: str, headers: dict) -> list[str]:
    db.session.remove()  # a request starts with an empty session, as it does outside tests
    with counted() as statements:
        response = client.get(url, headers=headers if url.startswith("/api/") else {})
    assert response.status_code == 200, (url, response.status_code)
    return statements


@pytest.mark.parametrize("role", ["hr", "manager"])
def test_main_pages_and_api_calls_run_at_most_half_the_statements_they_ran_before(signed_in, company, role):
    client, headers = signed_in(role)
    over = []
    for path, before in BEFORE[role].items():
        url = path.format(support=company.teams["Support"].id)
        cache.figures_cache().clear()
        cold = statements_of(client, url, headers)
        warm = statements_of(client, url, headers)
        for kind, ran, was in (("cold", cold, before[0]), ("warm", warm, before[1])):
            budget = was // 2 + ADDED.get(path, 0)
            if len(ran) > budget:
                over.append(f"{url} {kind}: {len(ran)} statements, budget {budget}:\n  " + "\n  ".join(ran))
    assert not over, "\n".join(over)


def test_a_warm_page_reads_the_team_tree_once(signed_in, company):
    client, headers = signed_in("manager")
    statements_of(client, "/dashboard/", headers)
    warm = statements_of(client, "/dashboard/", headers)
    assert sum(bool(re.search(r"FROM team\b", statement)) for statement in warm) == 1
    assert sum("FROM employee" in statement for statement in warm) == 1  # reporting lines, in the same one
