"""Intercom conversation ratings pulled from the fake Intercom: teams, agents, pages, failures, resuming."""

import json
from datetime import datetime, timedelta

import pytest

from engage.csat.mappings import add_mapping
from engage.models.base import utcnow
from engage.sources.pulling import pull
from engage.sources.service import NewSource, SourceRejected, add_source, find_source
from tests.fake_intercom import TOKEN, FakeIntercom, minutes_ago
from tests.sources.conftest import refreshed

SEARCH = "/conversations/search"


@pytest.fixture
def intercom():
    with FakeIntercom() as desk:
        yield desk


@pytest.fixture
def source(app, intercom, make_team, make_employee):
    """Team "Tier 1" is mapped to Support; admin 5 works in Billing."""
    support = make_team("Support")
    make_employee(make_team("Billing"), email="admin5@example.com")
    add_mapping("intercom", "Tier 1", support.id)
    intercom.teams, intercom.admins = {"11": "Tier 1", "12": "Tier 2"}, {"5": "admin5@example.com"}
    return add_source(
        NewSource("intercom", "intercom", intercom.url, TOKEN, since=datetime(2026, 1, 1)), utcnow()
    )


def test_ratings_keep_their_score_team_teammate_and_remark(intercom, source, stored):
    for i, rating in enumerate([1, 2, 3, 4, 5], start=1):
        intercom.add_conversation(
            f"c{i}",
            rating,
            remark=f"remark {i}",
            teammate="5",
            at=minutes_ago(60 - i),
            team="11" if i == 1 else "12",
        )
    intercom.add_conversation("c6", 4, admin="5")  # no teammate on the rating: the assignee
    intercom.add_conversation("c7", None, teammate="5")  # asked, not answered: not a rating

    report = pull(source)

    assert report.error is None and report.created == 6
    ratings = stored("intercom")
    assert "c7" not in ratings
    assert [ratings[f"c{i}"].score for i in range(1, 6)] == [0.0, 25.0, 50.0, 75.0, 100.0]
    assert [ratings[f"c{i}"].satisfied for i in range(1, 6)] == [False, False, False, True, True]
    assert ratings["c1"].team.name == "Support"  # team_assignee_id, mapped
    assert ratings["c2"].team.name == "Billing" and ratings["c2"].agent_email == "admin5@example.com"
    assert ratings["c6"].agent_email == "admin5@example.com" and ratings["c3"].comment == "remark 3"
    assert refreshed(source).groups == ["Tier 1", "Tier 2"]
    search = intercom.calls_to(SEARCH)[0]
    assert search.headers["intercom-version"] == "2.11"
    assert search.body["query"]["value"][0] == {"field": "updated_at", "operator": ">", "value": 1767225599}


def test_pages_and_a_pull_killed_on_page_3_resume_without_gaps_or_duplicates(intercom, source, stored):
    start = minutes_ago(600)
    for i in range(1, 321):
        intercom.add_conversation(f"c{i:03}", 5, teammate="5", at=start + i)
    intercom.fail_next(SEARCH, 500, after=2)

    first = pull(source)

    assert "HTTP 500" in first.error and len(stored("intercom")) == 300
    cursor = json.loads(refreshed(source).cursor)

    second = pull(refreshed(source))

    assert second.error is None and second.created == 20 and len(stored("intercom")) == 320
    resumed = intercom.calls_to(SEARCH)[-1].body["pagination"]
    assert resumed["starting_after"] == cursor["starting_after"]  # page 3 again, not page 1
    again = pull(refreshed(source))
    assert (again.created, again.updated, len(stored("intercom"))) == (0, 0, 320)
    newest_second_again = start + 319
    assert intercom.calls_to(SEARCH)[-1].body["query"]["value"][0]["value"] == newest_second_again


def test_a_429_is_waited_out_and_a_rating_changed_later_is_updated(intercom, source, stored):
    intercom.add_conversation("c1", 2, remark="slow", teammate="5")
    pull(source)
    intercom.rerate("c1", minutes_ago(1), rating=5, remark="sorted in the end")
    intercom.fail_next(SEARCH, 429, retry_after=1)

    report = pull(refreshed(source))

    assert report.error is None and (report.created, report.updated) == (0, 1)
    rating = stored("intercom")["c1"]
    assert (rating.raw_value, rating.comment, len(stored("intercom"))) == ("5", "sorted in the end", 1)


def test_server_errors_back_off(intercom, source):
    now = utcnow()
    intercom.fail_next(SEARCH, 502, times=2)
    pull(source, now)
    pull(refreshed(source), now)
    assert refreshed(source).failures == 2 and refreshed(source).next_try_at == now + timedelta(minutes=2)


def test_a_revoked_token_shows_on_the_sources_page(login, make_user, intercom, source):
    intercom.token = "revoked"
    client = login(make_user("admin"))
    page = client.post(f"/ratings/sources/{source.id}/pull", follow_redirects=True)
    assert page.status_code == 200
    assert b"the help desk refused the credentials (HTTP 401)" in page.data
    assert b'data-failing="yes"' in page.data


def test_a_wrong_token_is_refused_when_saved(app, intercom):
    with pytest.raises(SourceRejected, match=r"refused the credentials \(HTTP 401\)"):
        add_source(NewSource("intercom", "ic", intercom.url, "not-the-token-0000"), utcnow())


def test_the_cli_adds_an_intercom_source(runner, intercom):
    added = runner.invoke(
        args=[
            "engage",
            "sources",
            "add",
            "intercom",
            "Messenger",
            "--url",
            intercom.url,
            "--token",
            TOKEN,
            "--since",
            "2026-01-01",
        ]
    )
    assert added.exit_code == 0, added.output
    assert "added messenger (intercom)" in added.output and TOKEN not in added.output
    pulled = runner.invoke(args=["engage", "sources", "pull", "messenger"])
    assert pulled.exit_code == 0 and "messenger: 0 ratings pulled" in pulled.output


def test_the_sources_page_offers_chatwoot_and_intercom_and_adds_one(login, make_user, intercom):
    client = login(make_user("hr"))
    page = client.get("/ratings/sources").data.decode()
    assert '<option value="chatwoot">Chatwoot</option>' in page
    assert '<option value="intercom">Intercom</option>' in page

    added = client.post(
        "/ratings/sources",
        data={"kind": "intercom", "name": "intercom", "base_url": intercom.url, "token": TOKEN},
    )
    assert added.status_code == 302
    assert find_source("intercom").kind == "intercom" and TOKEN.encode() not in added.data


def test_the_conversations_company_is_kept_as_the_ratings_account(intercom, source, stored):
    intercom.add_conversation("c1", 5, remark="Sorted in one call", teammate="5", company="Acme Corp")
    intercom.add_conversation("c2", 5, teammate="5")

    assert pull(source).error is None

    ratings = stored("intercom")
    assert (ratings["c1"].account, ratings["c1"].comment) == ("Acme Corp", "Sorted in one call")
    assert ratings["c2"].account is None
