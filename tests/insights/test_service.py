from dataclasses import fields
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from engage.analytics.confidentiality import REVEALS_SMALLER, TOO_FEW
from engage.auth.access import Principal
from engage.extensions import db
from engage.insights import (
    InsightsInputError,
    UnknownTeam,
    before_after,
    comments,
    driver_heatmap,
    org_trend,
    rollups,
    team_list,
    team_trend,
)
from engage.insights.types import Comment
from engage.models import PulseResponse
from tests.insights.conftest import HR

MONDAY = date(2026, 3, 2)
WEEK_END = date(2026, 3, 8)


def point(trend, period=MONDAY):
    return next(p for p in trend.points if p.period_start == period)


def test_four_respondents_are_withheld_five_are_shown(make_team, people, answer, send, rate):
    support = make_team("Support")
    staff = people(support, 6)
    for person, score in zip(staff[:4], [5, 4, 4, 2], strict=True):
        answer(person, MONDAY, score)
    send(staff[5], MONDAY)
    rate(support, datetime(2026, 3, 3, 9), satisfied=True)
    rollups.refresh()

    withheld = point(team_trend(HR, support.id, MONDAY, WEEK_END))
    assert withheld.withheld and withheld.engagement is None and withheld.participation is None
    assert withheld.response_rate is None
    assert set(withheld.withheld_fields) == {"engagement", "participation", "response_rate"}
    assert withheld.respondents is None
    assert withheld.csat_pct == 100.0 and withheld.ratings == 1  # customer ratings are not withheld

    answer(staff[4], date(2026, 3, 4), 5)
    rollups.refresh()
    shown = point(team_trend(HR, support.id, MONDAY, WEEK_END))
    assert not shown.withheld
    assert shown.engagement == pytest.approx((100 + 75 + 75 + 25 + 100) / 5)
    assert shown.participation == pytest.approx(100 * 5 / 6, abs=0.01)
    assert shown.response_rate == pytest.approx(100 * 5 / 6, abs=0.01)
    assert shown.respondents == 5


def test_participation_counts_people_response_rate_counts_pulses(make_team, people, answer, send):
    support = make_team("Support")
    staff = people(support, 6)
    for person in staff:  # a pulse each weekday; everyone answers Monday's only
        answer(person, MONDAY, 4)
        for day in range(1, 5):
            send(person, MONDAY + timedelta(days=day))
    rollups.refresh()

    week = point(team_trend(HR, support.id, MONDAY, WEEK_END))
    assert week.participation == 100.0
    assert week.response_rate == 20.0
    days = team_trend(HR, support.id, MONDAY, WEEK_END, "day").points
    assert [p.response_rate for p in days[:5]] == [100.0, None, None, None, None]  # nobody answered: withheld
    assert all("response_rate" in p.withheld_fields for p in days[1:5])


def test_response_rate_counts_a_pulse_in_the_team_it_was_sent_in(make_team, people, answer, send):
    support, sales = make_team("Support"), make_team("Sales")
    staff = people(support, 5)
    for person in staff:
        answer(person, MONDAY, 4)
    for person in people(sales, 5):
        answer(person, MONDAY, 4)
        send(person, MONDAY + timedelta(days=1))
    mover = staff[0]
    send(mover, MONDAY + timedelta(days=1))  # sent while in Support
    mover.team_id = sales.id
    db.session.commit()
    rollups.refresh()

    support_week = point(team_trend(HR, support.id, MONDAY, WEEK_END))
    assert support_week.response_rate == pytest.approx(100 * 5 / 6, abs=0.01)
    assert point(team_trend(HR, sales.id, MONDAY, WEEK_END)).response_rate == 50.0


def test_response_rate_is_withheld_as_participation_is(make_team, people, answer, send):
    sales = make_team("Sales")
    emea = make_team("Sales EMEA", parent=sales)
    for person in people(emea, 5) + people(sales, 1):
        answer(person, MONDAY, 4)
        send(person, MONDAY + timedelta(days=1))
    rollups.refresh()

    points = [point(team_trend(HR, team.id, MONDAY, WEEK_END)) for team in (sales, emea)]
    points.append(point(org_trend(HR, MONDAY, WEEK_END)))
    assert any(p.participation is None for p in points)  # sales minus EMEA is one person
    for p in points:
        assert (p.response_rate is None) == (p.participation is None)
        assert ("response_rate" in p.withheld_fields) == ("participation" in p.withheld_fields)
        assert p.response_rate in (None, 50.0)


def test_enps_by_hand_and_withheld_separately(make_team, people, answer):
    team = make_team("Support")
    staff = people(team, 6)
    for person, score in zip(staff, [10, 9, 9, 8, 6, 2], strict=True):
        answer(person, MONDAY, score, driver="enps")
    rollups.refresh()
    trend = point(team_trend(HR, team.id, MONDAY, WEEK_END))
    assert trend.enps == pytest.approx((3 / 6 - 2 / 6) * 100, abs=0.01)
    assert trend.engagement is None and not trend.withheld  # nobody answered a 1-5 question: no figure


def test_parent_minus_a_child_of_one_withholds_the_child_and_shows_the_parent(make_team, people, answer):
    # Before issue 11 the parent (and the organisation) were withheld here; now the larger groups are
    # shown and the sub-team, which would give away the parent's 1 own member, is withheld.
    sales = make_team("Sales")
    emea = make_team("Sales EMEA", parent=sales)
    for person in people(emea, 5) + people(sales, 1):
        answer(person, MONDAY, 4)
    rollups.refresh()
    child = point(team_trend(HR, emea.id, MONDAY, WEEK_END))
    assert child.withheld and child.engagement is None
    assert child.withheld_reasons == {
        field: REVEALS_SMALLER for field in ("engagement", "participation", "response_rate")
    }
    assert point(team_trend(HR, sales.id, MONDAY, WEEK_END)).engagement == 75.0
    assert point(org_trend(HR, MONDAY, WEEK_END)).engagement == 75.0  # the same 6 people as Sales

    for person in people(sales, 4):
        answer(person, MONDAY, 2)
    rollups.refresh()
    parent = point(team_trend(HR, sales.id, MONDAY, WEEK_END))
    assert parent.engagement == pytest.approx((5 * 75 + 75 + 4 * 25) / 10)
    assert point(team_trend(HR, emea.id, MONDAY, WEEK_END)).engagement == 75.0  # 10 - 5 leaves 5


def test_reasons_tell_too_few_from_protecting_a_smaller_group(make_team, people, answer):
    support = make_team("Support")
    tiny = make_team("Tiny", parent=support)
    for person in people(support, 5) + people(tiny, 3):
        answer(person, MONDAY, 4)
    rollups.refresh()
    assert point(team_trend(HR, tiny.id, MONDAY, WEEK_END)).withheld_reasons == {
        "engagement": TOO_FEW,
        "participation": TOO_FEW,
        "response_rate": TOO_FEW,
    }
    assert not point(team_trend(HR, support.id, MONDAY, WEEK_END)).withheld  # 8 - nothing shown below


def test_ranges_snap_to_whole_periods(make_team, people, answer):
    team = make_team("Support")
    for person in people(team, 5):
        answer(person, date(2026, 3, 3), 3)
    rollups.refresh()
    trend = team_trend(HR, team.id, date(2026, 3, 4), date(2026, 3, 4), "week")
    assert (trend.start, trend.end) == (MONDAY, MONDAY)
    assert [p.engagement for p in trend.points] == [50.0]
    monthly = team_trend(HR, team.id, date(2026, 2, 20), date(2026, 3, 20), "month")
    assert [p.label for p in monthly.points] == ["2026-02", "2026-03"]
    assert [p.engagement for p in monthly.points] == [None, 50.0]


def test_kudos_and_ratings_in_the_organisation_trend(make_team, people, rate, give_kudos):
    sales, support = make_team("Sales"), make_team("Support")
    seller, helper = people(sales, 1)[0], people(support, 1)[0]
    give_kudos(seller, [helper], datetime(2026, 3, 3, 9))
    rate(support, datetime(2026, 3, 3), satisfied=True)
    rate(None, datetime(2026, 3, 4), satisfied=False, score=50)
    rate(support, datetime(2026, 3, 4), kind="nps", score=100, satisfied=True)
    rollups.refresh()
    org = point(org_trend(HR, MONDAY, WEEK_END))
    assert (org.kudos_given, org.kudos_received) == (1, 1)
    assert org.csat_pct == 50.0 and org.csat_mean == 75.0 and org.nps == 100.0
    team = point(team_trend(HR, sales.id, MONDAY, WEEK_END))
    assert (team.kudos_given, team.kudos_received, team.csat_pct) == (1, 0, None)


@pytest.fixture
def managed(make_team, make_employee, people, answer):
    """A manager whose reports are in Support (with sub-team Tier 2); Sales is someone else's."""
    support = make_team("Support")
    tier2 = make_team("Tier 2", parent=support)
    sales = make_team("Sales")
    boss = make_employee(None)
    for person in people(support, 5):
        person.manager = boss
    db.session.commit()
    for person in people(sales, 5):
        answer(person, MONDAY, 5)
    rollups.refresh()
    return Principal(role="manager", employee_id=boss.id), support, tier2, sales


def test_managers_see_only_their_teams(managed):
    manager, support, tier2, sales = managed
    assert [(t.name, t.depth) for t in team_list(manager)] == [("Support", 0), ("Tier 2", 1)]
    assert [t.name for t in team_list(HR)] == ["Sales", "Support", "Tier 2"]
    assert team_trend(manager, tier2.id, MONDAY, WEEK_END).team_name == "Tier 2"
    with pytest.raises(PermissionError):
        team_trend(manager, sales.id, MONDAY, WEEK_END)
    with pytest.raises(PermissionError):
        org_trend(manager, MONDAY, WEEK_END)
    with pytest.raises(PermissionError):
        comments(manager, sales.id, MONDAY, WEEK_END)
    assert [row.team_name for row in driver_heatmap(manager, MONDAY, WEEK_END).rows] == ["Support", "Tier 2"]
    heat = driver_heatmap(HR, MONDAY, WEEK_END)
    assert heat.rows[0].team_id is None and heat.rows[0].engagement.score == 100.0
    assert [row.team_name for row in driver_heatmap(manager, MONDAY, WEEK_END, [tier2.id]).rows] == ["Tier 2"]
    with pytest.raises(PermissionError):
        driver_heatmap(manager, MONDAY, WEEK_END, [support.id, sales.id])
    with pytest.raises(UnknownTeam, match="no team with id 999999"):
        driver_heatmap(HR, MONDAY, WEEK_END, [999999])
    assert [row.team_name for row in driver_heatmap(HR, MONDAY, WEEK_END, [sales.id]).rows] == ["Sales"]


def test_bad_requests_say_what_to_fix(managed):
    manager, support, _, _ = managed
    with pytest.raises(UnknownTeam, match="no team with id 999999"):
        team_trend(HR, 999999, MONDAY, WEEK_END)
    with pytest.raises(InsightsInputError, match="granularity must be one of day, week, month"):
        team_trend(HR, support.id, MONDAY, WEEK_END, "year")
    with pytest.raises(InsightsInputError, match="after the end date"):
        team_trend(HR, support.id, WEEK_END, MONDAY)


def test_driver_heatmap_pools_weeks_and_withholds_small_groups(make_team, people, answer):
    team = make_team("Support")
    staff = people(team, 5)
    for person in staff:
        answer(person, MONDAY, 5, driver="growth")
        answer(person, date(2026, 3, 9), 3, driver="growth")
    for person in staff[:4]:
        answer(person, MONDAY, 4, driver="workload")
    rollups.refresh()
    heat = driver_heatmap(HR, MONDAY, date(2026, 3, 15))
    row = next(r for r in heat.rows if r.team_id == team.id)
    cells = {c.driver: c for c in row.cells}
    assert cells["growth"].score == 75.0 and cells["growth"].respondents == 5
    assert cells["workload"].withheld and cells["workload"].score is None
    assert not cells["feedback"].withheld and cells["feedback"].score is None  # nobody asked
    assert "enps" not in heat.drivers
    # engagement in the week of 2 March has growth 5s and the workload 4s of 5 people
    assert row.engagement.score == pytest.approx((5 * 100 + 4 * 75 + 5 * 50) / 14, abs=0.01)


def test_comments_need_the_larger_group_and_show_no_names_or_times(make_team, people, answer, send):
    team = make_team("Support")
    staff = people(team, 9)
    for i, person in enumerate(staff[:7]):
        answer(person, date(2026, 3, 3 + i % 3), 4, comment=f"idea {i}" if i < 3 else None)
    send(staff[8], date(2026, 3, 3))
    rollups.refresh()
    result = comments(HR, team.id, MONDAY, WEEK_END)
    assert result.withheld and result.comments == [] and result.threshold == 8
    assert result.withheld_months == ("2026-03",)

    answer(staff[7], date(2026, 3, 31), 2, driver="workload", comment="  too many tickets  ")
    answer(staff[0], date(2026, 4, 1), 1, comment="April: only one person answered")
    rollups.refresh()
    result = comments(HR, team.id, date(2026, 3, 10), date(2026, 4, 2))
    assert (result.start, result.end) == (date(2026, 3, 1), date(2026, 4, 1))
    assert not result.withheld and result.withheld_months == ("2026-04",)
    assert result.comments == [
        Comment("idea 0", "recognition", "2026-03"),
        Comment("idea 1", "recognition", "2026-03"),
        Comment("idea 2", "recognition", "2026-03"),
        Comment("too many tickets", "workload", "2026-03"),
    ]
    # response_id stays on the server: pages carry an encrypted reference, the API leaves it out
    # (tests/conversations/test_anonymity.py).
    assert [f.name for f in fields(Comment)] == ["text", "driver", "month", "response_id", "question"]


def test_comments_of_a_parent_are_shown_and_the_sub_team_that_would_isolate_one_is_not(
    make_team, people, answer
):
    # Before issue 11 Sales showed only EMEA's 8 comments (9 - 8 = 1 left out). Now the larger group
    # wins: Sales' 9 comments are shown, and EMEA's month is held back, else Sales minus EMEA is one.
    sales = make_team("Sales")
    emea = make_team("Sales EMEA", parent=sales)
    for person in people(emea, 8):
        answer(person, MONDAY, 4, comment="fine")
    answer(people(sales, 1)[0], MONDAY, 1, comment="my manager is awful")
    rollups.refresh()
    sub_team = comments(HR, emea.id, MONDAY, WEEK_END)
    assert sub_team.withheld and sub_team.comments == [] and sub_team.withheld_months == ("2026-03",)
    for team_id in (sales.id, None):
        result = comments(HR, team_id, MONDAY, WEEK_END)
        assert not result.withheld
        assert sorted(c.text for c in result.comments) == ["fine"] * 8 + ["my manager is awful"]


def test_figures_come_from_the_rollups_not_raw_rows(make_team, people, answer):
    team = make_team("Support")
    for person in people(team, 5):
        answer(person, MONDAY, 5)
    rollups.refresh()
    db.session.execute(sa.delete(PulseResponse))  # raw answers gone, rollups not refreshed yet
    db.session.commit()
    assert point(team_trend(HR, team.id, MONDAY, WEEK_END)).engagement == 100.0
    rollups.refresh(full=True)
    assert point(team_trend(HR, team.id, MONDAY, WEEK_END)).engagement is None


def test_before_after_for_the_organisation_needs_hr(make_team, people, answer, make_employee):
    team = make_team("Support")
    staff = people(team, 5)
    for week in range(8):
        for person in staff:
            answer(person, MONDAY + timedelta(weeks=week), 2 if week < 4 else 5, commit=False)
    db.session.commit()
    rollups.refresh()
    result = before_after(HR, None, MONDAY + timedelta(weeks=4), weeks=4)
    assert result.team_id is None and result.team_name == "Whole organisation"
    assert result.engagement.difference == pytest.approx(75.0)
    with pytest.raises(InsightsInputError, match="weeks must be between 3 and 104"):
        before_after(HR, None, MONDAY, weeks=1)
    with pytest.raises(PermissionError):
        before_after(Principal("manager", make_employee(None).id), None, MONDAY)
