"""`flask engage sources add|list|pull`."""

from tests.fake_zendesk import EMAIL, GENERATED_START, TOKEN


def test_add_list_and_pull(runner, zendesk, make_team, make_employee, stored):
    make_employee(make_team("Support"), email="agent7@example.com")
    zendesk.users = {7: "agent7@example.com"}
    for i in range(1, 4):
        zendesk.add_rating(i, assignee_id=7, at=GENERATED_START + i)

    added = runner.invoke(
        args=[
            "engage",
            "sources",
            "add",
            "zendesk",
            "Acme",
            "--url",
            zendesk.url,
            "--token",
            TOKEN,
            "--email",
            EMAIL,
            "--since",
            "2026-01-01",
        ]
    )
    assert added.exit_code == 0, added.output
    assert "added acme (zendesk)" in added.output and TOKEN not in added.output

    pulled = runner.invoke(args=["engage", "sources", "pull", "acme"])
    assert pulled.exit_code == 0, pulled.output
    assert "acme: 3 ratings pulled, 3 new, 0 updated, 0 without a team" in pulled.output
    assert len(stored("acme")) == 3

    listed = runner.invoke(args=["engage", "sources", "list"])
    assert "acme (zendesk" in listed.output and "3 pulled, 3 new" in listed.output
    assert TOKEN not in listed.output


def test_add_with_a_wrong_token_fails_with_the_reason(runner, zendesk):
    result = runner.invoke(
        args=[
            "engage",
            "sources",
            "add",
            "zendesk",
            "acme",
            "--url",
            zendesk.url,
            "--token",
            "nope-nope-nope",
            "--email",
            EMAIL,
        ]
    )
    assert result.exit_code == 1
    assert "source not added: the help desk refused the credentials (HTTP 401)" in result.output


def test_a_failed_pull_exits_non_zero(runner, zendesk, add_zendesk):
    add_zendesk()
    zendesk.fail_next("/api/v2/satisfaction_ratings", 502)
    result = runner.invoke(args=["engage", "sources", "pull"])
    assert result.exit_code == 1 and "HTTP 502" in result.output
