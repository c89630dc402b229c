"""Zendesk satisfaction ratings pulled from the fake Zendesk: pages, changes, failures, resuming."""

import json
from datetime import timedelta

import pytest

from engage.csat.mappings import add_mapping
from engage.models.base import utcnow
from engage.sources.pulling import due_sources, pull, pull_due
from tests.fake_zendesk import GENERATED_START
from tests.sources.conftest import refreshed

RATINGS = "/api/v2/satisfaction_ratings"


@pytest.fixture
def desk_with_250(zendesk, make_team, make_employee):
    """250 ratings on 3 pages: odd ids in group 1 (mapped to Support), even ones by an agent of Billing."""
    support, billing = make_team("Support"), make_team("Billing")
    make_employee(billing, email="agent7@example.com")
    add_mapping("zendesk", "Tier 1", support.id)
    zendesk.groups = {1: "Tier 1", 2: "Escalations"}
    zendesk.users = {7: "Agent7@Example.com"}
    for i in range(1, 251):
        zendesk.add_rating(
            i,
            "bad" if i % 10 == 0 else "good",
            assignee_id=7,
            group_id=1 if i % 2 else 2,
            comment=f"comment {i}",
            at=GENERATED_START + i,
        )
    return support, billing


def test_a_pull_imports_every_page_with_teams_agents_and_comments(
    add_zendesk, zendesk, desk_with_250, stored
):
    support, billing = desk_with_250
    zendesk.add_rating(251, "offered", group_id=1, at=GENERATED_START + 251)
    zendesk.add_rating(252, "unoffered", group_id=1, at=GENERATED_START + 252)
    source = add_zendesk()

    report = pull(source)

    assert report.finished and report.error is None
    assert len(zendesk.calls_to(RATINGS)) == 3
    ratings = stored()
    assert len(ratings) == 250 and "251" not in ratings and "252" not in ratings
    assert ratings["1"].team_id == support.id and ratings["2"].team_id == billing.id
    assert ratings["2"].agent_email == "agent7@example.com"
    assert (ratings["10"].raw_value, ratings["10"].score, ratings["10"].satisfied) == ("bad", 0.0, False)
    assert (ratings["11"].raw_value, ratings["11"].score) == ("good", 100.0)
    assert ratings["11"].comment == "comment 11"
    source = refreshed(source)
    assert (source.pulled, source.created, source.updated) == (250, 250, 0)  # offered: not ratings
    assert source.groups == ["Escalations", "Tier 1"]
    assert source.last_success_at is not None and source.last_error is None


def test_the_first_pull_starts_at_the_chosen_day(add_zendesk, zendesk, desk_with_250):
    pull(add_zendesk(since="2026-03-01"))
    assert zendesk.calls_to(RATINGS)[0].query["start_time"] == "1772323200"  # 2026-03-01 00:00 UTC


def test_a_rating_changed_after_import_is_updated_not_duplicated(add_zendesk, zendesk, desk_with_250, stored):
    source = add_zendesk()
    pull(source)
    zendesk.change_rating(5, at=GENERATED_START + 10_000, score="bad", comment="it broke again")

    report = pull(refreshed(source))

    assert report.error is None and report.updated == 1 and report.created == 0
    ratings = stored()
    assert len(ratings) == 250
    assert (ratings["5"].raw_value, ratings["5"].comment) == ("bad", "it broke again")
    # The second pass starts where the first ended: it does not read the 250 again.
    assert zendesk.calls_to(RATINGS)[-1].query["start_time"] == str(GENERATED_START + 250)


def test_a_pull_killed_on_page_3_resumes_there_without_gaps_or_duplicates(
    add_zendesk, zendesk, desk_with_250, stored
):
    source = add_zendesk()
    zendesk.fail_next(RATINGS, 500, after=2)

    first = pull(source)

    assert first.error == f"the help desk answered HTTP 500 to GET {zendesk.url}{RATINGS}"
    assert len(stored()) == 200
    source = refreshed(source)
    assert json.loads(source.cursor)["after"] == "200"
    assert source.failures == 1 and source.next_try_at > utcnow()

    second = pull(source)

    assert second.error is None and second.created == 50
    assert len(stored()) == 250
    assert zendesk.calls_to(RATINGS)[-1].query["page[after]"] == "200"  # page 3 again, not page 1
    assert refreshed(source).failures == 0


def test_a_429_with_a_short_retry_after_is_waited_out(add_zendesk, zendesk, desk_with_250, stored):
    source = add_zendesk()
    zendesk.fail_next(RATINGS, 429, retry_after=1, after=1)

    report = pull(source)

    assert report.finished and report.error is None and len(stored()) == 250
    waits = zendesk.calls_to(RATINGS)
    assert len(waits) == 4  # pages 1, 2 (429), 2 again, 3
    assert waits[2].query == waits[1].query


def test_a_429_longer_than_the_cap_stops_and_the_next_run_resumes(
    add_zendesk, zendesk, desk_with_250, stored
):
    source = add_zendesk()
    zendesk.fail_next(RATINGS, 429, retry_after=600, after=1)
    now = utcnow()

    report = pull(source, now)

    assert "rate limiting" in report.error and len(stored()) == 100
    source = refreshed(source)
    assert source.next_try_at == now + timedelta(seconds=600) and source.failures == 0
    assert source not in due_sources(now + timedelta(seconds=599))
    assert [r.source for r in pull_due(now + timedelta(seconds=601))] == ["zendesk"]
    assert len(stored()) == 250


def test_server_errors_back_off_exponentially(add_zendesk, zendesk, desk_with_250):
    source = add_zendesk()
    now = utcnow()
    zendesk.fail_next(RATINGS, 503, times=3)
    gaps = []
    for _ in range(3):
        pull(refreshed(source), now)
        gaps.append(refreshed(source).next_try_at - now)
    assert gaps == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert due_sources(now + timedelta(minutes=3)) == []


def test_the_scheduler_pulls_each_source_on_its_interval(app, add_zendesk, zendesk, desk_with_250):
    source = add_zendesk()
    now = utcnow()
    assert [r.finished for r in pull_due(now)] == [True]
    assert pull_due(now + timedelta(minutes=14)) == []
    assert len(pull_due(now + timedelta(minutes=15))) == 1
    refreshed(source).pull_requested_at = now  # as a push does
    assert len(pull_due(now + timedelta(minutes=16))) == 1


def test_a_rating_without_a_team_is_counted_and_named_not_imported(add_zendesk, zendesk, make_team, stored):
    make_team("Support")
    zendesk.groups = {3: "Nights"}
    zendesk.add_rating(1, "good", group_id=3)
    source = add_zendesk()

    report = pull(source)

    assert report.error is None and report.unmapped == 1 and stored() == {}
    assert "group 'Nights' of source 'zendesk' is not mapped" in refreshed(source).unmapped_note
