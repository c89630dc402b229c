"""Chatwoot CSAT survey responses pulled from the fake Chatwoot: teams, pages, failures, resuming, pushes."""

import json
from datetime import datetime, timedelta

import pytest

from engage.csat.mappings import add_mapping
from engage.models.base import utcnow
from engage.security.encryption import decrypt
from engage.sources.pulling import pull
from engage.sources.service import NewSource, SourceRejected, add_source
from tests.fake_chatwoot import ACCOUNT, TOKEN, FakeChatwoot, minutes_ago
from tests.sources.conftest import refreshed

RATINGS = f"/api/v1/accounts/{ACCOUNT}/csat_survey_responses"


@pytest.fixture
def chatwoot():
    with FakeChatwoot() as desk:
        yield desk


@pytest.fixture
def source(app, chatwoot, make_team, make_employee):
    """Team 1 "Tier 1" is mapped to Support; agent 5 works in Billing."""
    support = make_team("Support")
    make_employee(make_team("Billing"), email="agent5@example.com")
    add_mapping("chatwoot", "Tier 1", support.id)
    chatwoot.teams, chatwoot.agents = {1: "Tier 1", 2: "Tier 2"}, {5: "agent5@example.com"}
    return add_source(
        NewSource(
            "chatwoot", "chatwoot", chatwoot.url, TOKEN, account_id=str(ACCOUNT), since=datetime(2026, 1, 1)
        ),
        utcnow(),
    )


def test_ratings_keep_their_score_team_agent_and_feedback(chatwoot, source, stored):
    for i, rating in enumerate([1, 2, 3, 4, 5], start=1):
        chatwoot.add_rating(i, rating, agent_id=5, feedback=f"fb {i}", at=minutes_ago(60 - i))
    chatwoot.conversation_teams = {4001: 1, 4002: 2}

    report = pull(source)

    assert report.error is None and report.created == 5
    ratings = stored("chatwoot")
    assert [ratings[str(i)].score for i in range(1, 6)] == [0.0, 25.0, 50.0, 75.0, 100.0]
    assert [ratings[str(i)].satisfied for i in range(1, 6)] == [False, False, False, True, True]
    assert ratings["1"].team.name == "Support"  # its conversation's team, mapped
    assert ratings["2"].team.name == "Billing"  # Tier 2 is not mapped: the agent's team
    assert ratings["3"].agent_email == "agent5@example.com" and ratings["3"].comment == "fb 3"
    assert refreshed(source).groups == ["Tier 1", "Tier 2"]
    first = chatwoot.calls_to(RATINGS)[0]
    assert first.query["since"] == "1767225600" and int(first.query["until"]) >= minutes_ago(0)
    assert first.headers["api_access_token"] == TOKEN


def test_an_agent_given_without_email_is_looked_up(chatwoot, source, stored):
    chatwoot.add_rating(1, 5)
    chatwoot.ratings[1]["assigned_agent"] = {"id": 5, "name": "Agent 5"}
    assert pull(source).error is None
    assert stored("chatwoot")["1"].team.name == "Billing"


def test_pages_of_25_and_a_pull_killed_on_page_3_resumes_without_gaps_or_duplicates(chatwoot, source, stored):
    chatwoot.conversation_teams = {4000 + i: 1 for i in range(1, 61)}
    for i in range(1, 61):
        chatwoot.add_rating(i, 5, at=minutes_ago(120) + i)
    chatwoot.fail_next(RATINGS, 500, after=2)

    first = pull(source)

    assert "HTTP 500" in first.error and len(stored("chatwoot")) == 50
    cursor = json.loads(refreshed(source).cursor)
    assert cursor["page"] == 3

    second = pull(refreshed(source))

    assert second.error is None and second.created == 10 and len(stored("chatwoot")) == 60
    resumed = chatwoot.calls_to(RATINGS)[-1].query
    assert (resumed["page"], resumed["until"]) == ("3", str(cursor["until"]))  # the same window
    again = pull(refreshed(source))  # re-reads the last day: nothing doubled, nothing changed
    assert (again.created, again.updated, len(stored("chatwoot"))) == (0, 0, 60)


def test_a_429_is_waited_out_and_a_rating_changed_later_is_updated(chatwoot, source, stored):
    chatwoot.add_rating(1, 2, agent_id=5, feedback="slow")
    pull(source)
    chatwoot.ratings[1].update(rating=5, feedback_message="sorted in the end")  # its time stays
    chatwoot.fail_next(RATINGS, 429, retry_after=1)

    report = pull(refreshed(source))

    assert report.error is None and (report.created, report.updated) == (0, 1)
    rating = stored("chatwoot")["1"]
    assert (rating.raw_value, rating.comment, len(stored("chatwoot"))) == ("5", "sorted in the end", 1)


def test_server_errors_back_off(chatwoot, source):
    now = utcnow()
    chatwoot.fail_next(RATINGS, 503, times=2)
    pull(source, now)
    pull(refreshed(source), now)
    assert refreshed(source).failures == 2 and refreshed(source).next_try_at == now + timedelta(minutes=2)


def test_a_revoked_token_shows_on_the_sources_page(login, make_user, chatwoot, source):
    chatwoot.token = "revoked"
    client = login(make_user("admin"))
    page = client.post(f"/ratings/sources/{source.id}/pull", follow_redirects=True)
    assert page.status_code == 200
    assert b"the help desk refused the credentials (HTTP 401)" in page.data
    assert b'data-failing="yes"' in page.data


def test_a_wrong_token_or_account_is_refused_when_saved(app, chatwoot):
    def add(token: str, account: str | None) -> None:
        add_source(NewSource("chatwoot", "cw", chatwoot.url, token, account_id=account), utcnow())

    with pytest.raises(SourceRejected, match=r"refused the credentials \(HTTP 401\)"):
        add("not-the-token-0000", str(ACCOUNT))
    with pytest.raises(SourceRejected, match="no access to Chatwoot account 99"):
        add(TOKEN, "99")
    with pytest.raises(SourceRejected, match="Chatwoot needs the account id"):
        add(TOKEN, None)


def test_a_push_with_the_shared_secret_asks_for_a_pull_a_wrong_one_does_not(client, source):
    secret = decrypt(source.webhook_secret_encrypted)
    url = "/webhooks/sources/chatwoot/chatwoot"
    body = {"event": "message_updated", "content_type": "input_csat"}

    assert client.post(url, query_string={"token": "not-" + secret}, json=body).status_code == 401
    assert client.post(url, headers={"X-Engage-Webhook-Token": "wrong"}, json=body).status_code == 401
    assert refreshed(source).pull_requested_at is None

    assert client.post(url, query_string={"token": secret}, json=body).status_code == 202
    assert refreshed(source).pull_requested_at is not None


def test_the_edit_page_shows_the_push_address_with_its_secret(login, make_user, source):
    page = login(make_user("hr")).get(f"/ratings/sources/{source.id}").data.decode()
    secret = decrypt(source.webhook_secret_encrypted)
    assert f"/webhooks/sources/chatwoot/chatwoot?token={secret}" in page


def test_the_cli_adds_a_chatwoot_source_with_its_account_id(runner, chatwoot):
    args = ["engage", "sources", "add", "chatwoot", "Support-Chat", "--url", chatwoot.url, "--token", TOKEN]

    missing = runner.invoke(args=args)
    assert missing.exit_code == 1 and "source not added: Chatwoot needs the account id" in missing.output

    added = runner.invoke(args=[*args, "--account-id", str(ACCOUNT), "--since", "2026-01-01"])
    assert added.exit_code == 0, added.output
    assert "added support-chat (chatwoot)" in added.output and TOKEN not in added.output
    listed = runner.invoke(args=["engage", "sources", "list"]).output
    assert "support-chat (chatwoot" in listed
