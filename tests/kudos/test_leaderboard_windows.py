"""Leaderboards over the last 7, 30 or 90 days, whose days begin at midnight in the company's time zone."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from engage.kudos.boards import leaderboards, window_start
from engage.models.base import utcnow

TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def test_config(test_config):
    return test_config | {"ENGAGE_TIMEZONE": "Asia/Tokyo"}


def _utc(local: datetime) -> datetime:
    return local.astimezone(UTC).replace(tzinfo=None)


@pytest.fixture
def people(make_team, make_employee):
    team = make_team("Support")
    names = ("Gil Giver", "Ann Early", "Bo Sunday", "Cy Tuesday")
    return tuple(make_employee(team, name=name) for name in names)


def test_a_kudos_given_sunday_evening_counts_on_monday_morning_in_the_last_7_days(app, people, make_kudos):
    giver, ann, bo, cy = people
    monday_morning = _utc(datetime(2025, 3, 17, 9, 0, tzinfo=NEW_YORK))
    sunday_evening = datetime(2025, 3, 16, 18, 0, tzinfo=NEW_YORK)
    a_week_ago_late = datetime(2025, 3, 10, 23, 30, tzinfo=NEW_YORK)  # already Tuesday in UTC
    tuesday_early = datetime(2025, 3, 11, 0, 30, tzinfo=NEW_YORK)  # the first of the 7 days
    make_kudos(giver, [bo], created_at=_utc(sunday_evening))
    make_kudos(giver, [ann], created_at=_utc(a_week_ago_late))
    make_kudos(giver, [cy], created_at=_utc(tuesday_early))

    start = window_start(7, monday_morning, NEW_YORK)

    assert start == _utc(datetime(2025, 3, 11, 0, 0, tzinfo=NEW_YORK))
    names = [name for name, _team, _n in leaderboards(start, None).people]
    assert sorted(names) == ["Bo Sunday", "Cy Tuesday"]


def test_the_company_time_zone_decides_where_the_days_begin(client, login, make_user, people, make_kudos):
    giver, ann, bo, _cy = people
    first_day = datetime.combine(
        utcnow().replace(tzinfo=UTC).astimezone(TOKYO).date() - timedelta(days=6), time.min, tzinfo=TOKYO
    )
    make_kudos(giver, [ann], created_at=_utc(first_day - timedelta(minutes=1)))
    make_kudos(giver, [bo], created_at=_utc(first_day + timedelta(minutes=1)))
    login(make_user("hr"))

    page = client.get("/kudos/leaderboards?days=7").get_data(as_text=True)

    assert "Bo Sunday" in page and "Ann Early" not in page
    assert f"since {first_day.strftime('%a %Y-%m-%d')} 00:00 (Asia/Tokyo)" in page
    assert "Ann Early" in client.get("/kudos/leaderboards?days=30").get_data(as_text=True)
