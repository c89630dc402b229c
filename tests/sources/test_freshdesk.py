"""Freshdesk satisfaction ratings pulled from the fake Freshdesk: the scale, pages, failures, resuming."""

import json
from datetime import datetime

import pytest

from engage.csat.mappings import add_mapping
from engage.models.base import utcnow
from engage.sources.pulling import pull
from engage.sources.service import NewSource, SourceRejected, add_source
from tests.fake_freshdesk import API_KEY, FakeFreshdesk
from tests.sources.conftest import refreshed

RATINGS = "/api/v2/surveys/satisfaction_ratings"
START = 1_767_225_600


@pytest.fixture
def freshdesk():
    with FakeFreshdesk() as desk:
        yield desk


@pytest.fixture
def source(app, freshdesk, make_team, make_employee):
    support = make_team("Support")
    make_employee(make_team("Billing"), email="agent5@example.com")
    add_mapping("freshdesk", "L1", support.id)
    freshdesk.groups, freshdesk.agents = {1: "L1", 2: "L2"}, {5: "agent5@example.com"}
    return add_source(
        NewSource("freshdesk", "freshdesk", freshdesk.url, API_KEY, since=datetime(2026, 1, 1)), utcnow()
    )


def test_answers_map_onto_the_csat_scale_with_groups_agents_and_feedback(freshdesk, source, stored):
    answers = [103, 102, 101, 100, -101, -102, -103]
    for i, answer in enumerate(answers, start=1):
        freshdesk.add_rating(
            i, answer, agent_id=5, group_id=1 if i == 1 else 2, feedback=f"fb {i}", at=START + i
        )

    assert pull(source).error is None

    ratings = stored("freshdesk")
    assert [ratings[str(i)].raw_value for i in range(1, 8)] == ["5", "5", "4", "3", "2", "1", "1"]
    assert [ratings[str(i)].satisfied for i in range(1, 8)] == [True, True, True, False, False, False, False]
    assert ratings["1"].team.name == "Support" and ratings["2"].team.name == "Billing"
    assert ratings["3"].comment == "fb 3" and ratings["3"].agent_email == "agent5@example.com"
    assert freshdesk.calls_to(RATINGS)[0].query["created_since"] == "2026-01-01T00:00:00Z"


def test_pages_follow_the_link_header_and_a_pull_killed_on_page_3_resumes(freshdesk, source, stored):
    for i in range(1, 251):
        freshdesk.add_rating(i, 103, group_id=1, at=START + i)
    freshdesk.fail_next(RATINGS, 500, after=2)

    assert "HTTP 500" in pull(source).error
    assert len(stored("freshdesk")) == 200 and json.loads(refreshed(source).cursor)["page"] == 3

    report = pull(refreshed(source))

    assert report.error is None and report.created == 50 and len(stored("freshdesk")) == 250
    assert freshdesk.calls_to(RATINGS)[-1].query["page"] == "3"
    again = pull(refreshed(source))  # the next pass reads from the newest rating: nothing doubled
    assert again.created == 0 and len(stored("freshdesk")) == 250


def test_a_429_is_waited_out_and_a_rating_changed_is_updated(freshdesk, source, stored):
    freshdesk.add_rating(1, 103, group_id=1, at=START + 1)
    pull(source)
    freshdesk.add_rating(1, -103, group_id=1, feedback="changed my mind", at=START + 1)
    freshdesk.fail_next(RATINGS, 429, retry_after=1)

    report = pull(refreshed(source))

    assert report.error is None and report.updated == 1
    assert (stored("freshdesk")["1"].raw_value, stored("freshdesk")["1"].comment) == ("1", "changed my mind")


def test_a_wrong_api_key_is_refused_when_saved(app, freshdesk):
    with pytest.raises(SourceRejected, match=r"refused the credentials \(HTTP 401\)"):
        add_source(NewSource("freshdesk", "fd", freshdesk.url, "not-the-key-000"), utcnow())
