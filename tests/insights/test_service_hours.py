"""Ratings by weekday and hour in the team's time zone, and teams ranked by their off-hours shortfall."""

from datetime import date, datetime, timedelta

import pytest

from engage.analytics.shifts import MIN_SHIFT_RATINGS
from engage.auth.access import Principal
from engage.extensions import db
from engage.insights import service_consistency, team_service_hours
from engage.insights.types import InsightsInputError
from engage.models import TicketOutcome
from tests.insights.conftest import HR

START, END = date(2026, 2, 1), date(2026, 3, 31)
SUNDAY_22_NEW_YORK = datetime(2026, 3, 2, 3, 0)  # UTC: Monday 3:00
MONDAY_11_NEW_YORK = datetime(2026, 3, 2, 16, 0)


@pytest.fixture
def new_york(make_team, make_employee):
    team = make_team("Support Americas")
    for zone in ("America/New_York", "America/New_York", "Europe/London"):
        make_employee(team, timezone=zone)
    return team


def test_ratings_fall_in_the_weekday_and_hour_of_the_zone_most_of_the_team_is_in(rate, new_york):
    rate(new_york, SUNDAY_22_NEW_YORK)
    rate(new_york, MONDAY_11_NEW_YORK, satisfied=False)

    result = team_service_hours(HR, new_york.id, START, END)

    assert result.timezone == "America/New_York"
    assert result.figures.cells[6][22].ratings == 1 and result.figures.cells[0][11].ratings == 1
    assert result.figures.cells[0][3].ratings == 0  # not where UTC would put it
    in_utc = team_service_hours(HR, new_york.id, START, END, timezone="UTC")
    assert in_utc.figures.cells[0][3].ratings == 1


def test_a_team_without_people_is_read_in_the_companys_zone(app, rate, make_team):
    app.config["ENGAGE_TIMEZONE"] = "Asia/Tokyo"
    empty = make_team("Night shift")
    rate(empty, datetime(2026, 3, 2, 3, 0))

    result = team_service_hours(HR, empty.id, START, END)

    assert result.timezone == "Asia/Tokyo" and result.figures.cells[0][12].ratings == 1


def test_an_unknown_time_zone_says_how_to_name_one(new_york):
    with pytest.raises(InsightsInputError, match="IANA time zone such as Europe/Berlin"):
        team_service_hours(HR, new_york.id, START, END, timezone="Mars/Olympus")


def test_sub_teams_count_in_their_parent_and_local_days_outside_the_range_do_not(rate, make_team, new_york):
    parent = make_team("Customer Support")
    new_york.parent_id = parent.id
    db.session.commit()
    rate(new_york, MONDAY_11_NEW_YORK)
    rate(new_york, datetime(2026, 4, 1, 2, 0))  # 31 March, 22:00 in New York: in the range
    rate(new_york, datetime(2026, 2, 1, 2, 0))  # 31 January, 21:00 in New York: before it

    result = team_service_hours(HR, parent.id, START, END)

    assert result.figures.ratings == 2 and result.timezone == "America/New_York"


def test_a_manager_sees_only_their_teams(new_york, make_team, make_employee):
    manager = make_employee()
    other = make_team("Elsewhere")
    make_employee(other, manager_id=manager.id)

    with pytest.raises(PermissionError):
        team_service_hours(Principal("manager", manager.id), new_york.id, START, END)
    assert [row.team_name for row in service_consistency(Principal("manager", manager.id), START, END)] == [
        "Elsewhere"
    ]


def test_each_outcome_is_split_from_its_own_ratings_or_tickets(rate, new_york):
    rate(new_york, MONDAY_11_NEW_YORK, kind="nps", score=100.0, satisfied=True)
    rate(new_york, MONDAY_11_NEW_YORK, kind="nps", score=50.0, satisfied=False)
    rate(new_york, MONDAY_11_NEW_YORK, score=75.0)
    db.session.add(
        TicketOutcome(
            source="t",
            external_id="1",
            solved_at=SUNDAY_22_NEW_YORK,
            first_contact_resolved=True,
            team_id=new_york.id,
        )
    )
    db.session.commit()

    by_outcome = {
        key: team_service_hours(HR, new_york.id, START, END, key).figures
        for key in ("nps", "csat_mean", "fcr")
    }

    assert by_outcome["nps"].cells[0][11].ratings == 2 and by_outcome["csat_mean"].cells[0][11].ratings == 1
    assert by_outcome["fcr"].cells[6][22].ratings == 1


def _shift_ratings(make_rating, team, day_share: float, weekend_share: float) -> None:
    """MIN_SHIFT_RATINGS weekday-daytime ratings and as many at the weekend, satisfied in the given shares."""
    monday = datetime(2026, 3, 2, 16, 0)  # 11:00 in New York
    for i in range(MIN_SHIFT_RATINGS):
        at = monday + timedelta(minutes=i)
        make_rating(team, at, satisfied=i < day_share * MIN_SHIFT_RATINGS, commit=False)
        make_rating(
            team,
            monday - timedelta(hours=12) + timedelta(minutes=i),  # Sunday 23:00 in New York: weekend
            satisfied=i < weekend_share * MIN_SHIFT_RATINGS,
            commit=False,
        )
    db.session.commit()


def test_teams_whose_off_hours_fall_furthest_below_their_daytime_come_first(rate, make_team, make_employee):
    teams = {}
    for name, day, weekend in (("Steady", 0.9, 0.9), ("Slipping", 0.9, 0.6), ("Sliding", 0.9, 0.3)):
        teams[name] = make_team(name)
        make_employee(teams[name], timezone="America/New_York")
        _shift_ratings(rate, teams[name], day, weekend)
    make_team("No ratings")

    rows = service_consistency(HR, START, END)

    assert [row.team_name for row in rows] == ["Sliding", "Slipping", "Steady", "No ratings"]
    sliding = rows[0].figures.off_hours
    assert (sliding.higher, sliding.lower, round(sliding.points)) == ("day", "weekend", 60)
    assert rows[-1].figures.off_hours is None


def test_a_time_zone_engage_cannot_read_is_passed_over(rate, make_team, make_employee):
    team = make_team("Odd")
    for zone in ("Mars/Olympus", "Mars/Olympus", "Asia/Tokyo"):
        make_employee(team, timezone=zone)
    rate(team, datetime(2026, 3, 2, 3, 0))

    assert team_service_hours(HR, team.id, START, END).timezone == "Asia/Tokyo"
    assert [row.timezone for row in service_consistency(HR, START, END)] == ["Asia/Tokyo"]
