"""The figures cache: answers show up after the next refresh, and a principal only gets what it may see."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from engage.auth.access import Principal
from engage.extensions import db
from engage.insights import cache, cross_team, driver_heatmap, org_trend, rollups, team_list, team_trend
from engage.insights.cache import FiguresCache
from engage.models import PulseDelivery, PulseResponse
from engage.models.base import utcnow
from tests.insights.conftest import HR

MONDAY = date(2026, 3, 2)
WEEK_END = date(2026, 3, 8)


def engagement(trend):
    return next(p for p in trend.points if p.period_start == MONDAY).engagement


@pytest.fixture
def support(make_team, people, answer):
    team = make_team("Support")
    staff = people(team, 7)
    for person in staff[:5]:
        answer(person, MONDAY, 5)
    rollups.refresh()
    return team, staff


def test_figures_change_after_a_refresh_that_changed_data(support, answer):
    team, staff = support
    assert engagement(team_trend(HR, team.id, MONDAY, WEEK_END)) == 100.0
    assert len(cache.figures_cache()) > 0

    answer(staff[5], MONDAY, 1)
    assert engagement(team_trend(HR, team.id, MONDAY, WEEK_END)) == 100.0  # the rollups are unchanged
    rollups.refresh()
    assert engagement(team_trend(HR, team.id, MONDAY, WEEK_END)) == pytest.approx(500 / 6, abs=0.01)
    assert engagement(org_trend(HR, MONDAY, WEEK_END)) == pytest.approx(500 / 6, abs=0.01)


def test_a_refresh_that_found_nothing_new_keeps_the_cache(support):
    team, _ = support
    an_hour_ago = utcnow() - timedelta(hours=1)  # older than the overlap every refresh re-reads
    db.session.execute(sa.update(PulseResponse).values(answered_at=an_hour_ago, updated_at=an_hour_ago))
    db.session.execute(sa.update(PulseDelivery).values(created_at=an_hour_ago, sent_at=an_hour_ago))
    db.session.commit()
    team_trend(HR, team.id, MONDAY, WEEK_END)
    version = rollups.current_version()
    entries = len(cache.figures_cache())

    assert rollups.refresh()["periods"] == 0
    assert rollups.current_version() == version
    team_trend(HR, team.id, MONDAY, WEEK_END)
    assert len(cache.figures_cache()) == entries  # served from the entry made before the refresh


def test_a_renamed_team_shows_its_new_name_without_a_refresh(support):
    team, _ = support
    assert team_trend(HR, team.id, MONDAY, WEEK_END).team_name == "Support"
    team.name = "Customer care"
    db.session.commit()
    assert team_trend(HR, team.id, MONDAY, WEEK_END).team_name == "Customer care"


def test_a_manager_never_gets_hrs_cached_views(make_team, make_employee, people, answer):
    support, sales = make_team("Support"), make_team("Sales")
    boss = make_employee(None)
    for team in (support, sales):
        for person in people(team, 5):
            person.manager = boss if team is support else None
            answer(person, MONDAY, 4)
    rollups.refresh()
    manager = Principal(role="manager", employee_id=boss.id)
    hr_heatmap = driver_heatmap(HR, MONDAY, WEEK_END)
    hr_rows = cross_team(HR, MONDAY, WEEK_END)
    org_trend(HR, MONDAY, WEEK_END)
    assert [row.team_name for row in hr_heatmap.rows] == ["Whole organisation", "Sales", "Support"]
    assert {row.team_name for row in hr_rows} == {"Sales", "Support"}

    assert [row.team_name for row in driver_heatmap(manager, MONDAY, WEEK_END).rows] == ["Support"]
    assert [row.team_name for row in cross_team(manager, MONDAY, WEEK_END)] == ["Support"]
    assert [team.name for team in team_list(manager)] == ["Support"]
    with pytest.raises(PermissionError):
        org_trend(manager, MONDAY, WEEK_END)
    with pytest.raises(PermissionError):
        team_trend(manager, sales.id, MONDAY, WEEK_END)


def test_the_cache_keeps_the_rows_it_is_allowed_and_drops_the_least_recently_used():
    cache = FiguresCache(max_rows=10)
    cache.put(("a",), "A", 4)
    cache.put(("b",), "B", 4)
    assert cache.get(("a",)) == "A"  # a is now the most recently used
    cache.put(("c",), "C", 4)
    assert cache.get(("b",)) is None and cache.get(("a",)) == "A" and cache.get(("c",)) == "C"
    assert cache.rows == 8
    cache.put(("huge",), "H", 11)
    assert cache.get(("huge",)) is None and len(cache) == 2
    assert cache.find(lambda key: key[0] == "a") == "A"  # found counts as used: c is now the oldest
    cache.put(("d",), "D", 4)
    assert cache.get(("c",)) is None and cache.get(("a",)) == "A"
    assert cache.find(lambda key: key[0] == "z") is None
    cache.clear()
    assert len(cache) == 0 and cache.rows == 0 and cache.get(("a",)) is None


def test_a_cache_of_no_rows_keeps_nothing():
    cache = FiguresCache(max_rows=0)
    cache.put(("a",), "A", 1)
    assert cache.get(("a",)) is None and len(cache) == 0
