from tests.browser.test_dashboard import sign_in, wait_for_chart

PAGES = [
    "/dashboard/",
    "/dashboard/teams",
    "/dashboard/heatmap",
    "/dashboard/comments",
    "/kudos/",
    "/kudos/leaderboards",
    "/kudos/admin/values",
    "/kudos/admin/settings",
    "/people",
    "/teams",
    "/admin/users",
    "/admin/questions",
    "/admin/retention",
    "/admin/audit",
    "/ratings/import",
    "/ratings/mappings",
]


def test_every_page_works_under_the_content_security_policy(page, live_server, company, make_user):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    sign_in(page, live_server, make_user("admin"))

    for path in PAGES:
        response = page.goto(f"{live_server}{path}")
        assert response.status == 200, path
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.goto(f"{live_server}/dashboard/")
    wait_for_chart(page, "overview-chart")
    page.goto(f"{live_server}/dashboard/teams/{company.teams['Support'].id}")
    wait_for_chart(page, "correlation-chart")

    assert violations == []
