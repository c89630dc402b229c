import json
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from engage import insights
from engage.analytics.confidentiality import REVEALS_SMALLER
from engage.analytics.metrics import ORG_SCOPE
from engage.auth.access import Principal
from engage.demo.company import DEMO_DOMAIN, DEMO_PASSWORD
from engage.extensions import db
from engage.insights import cache
from engage.insights.scope import load_tree
from engage.insights.service import SURVEY_FIELDS
from engage.models import TeamPeriodStat, User

HR = Principal("hr", None)


def test_comments_page_newest_month_first_fifty_at_a_time(demo, client, make_user, login):
    login(make_user("hr"))
    end = date.today()
    start = end - timedelta(weeks=26)
    emea = next(team.id for team in insights.team_list(HR) if team.name == "Support EMEA")
    first_result = insights.comments(HR, emea, start, end)
    total, pages = first_result.total, first_result.pages
    assert total > 50 and pages == -(-total // 50)
    every = [
        c for page in range(1, pages + 1) for c in insights.comments(HR, emea, start, end, page).comments
    ]
    assert len(every) == total
    keys = [(c.month, c.driver, c.text) for c in every]
    months = [c.month for c in every]
    assert months == sorted(months, reverse=True)  # newest month first...
    assert all(keys[i][1:] <= keys[i + 1][1:] for i in range(total - 1) if months[i] == months[i + 1])
    assert insights.comments(HR, emea, start, end, pages + 1).comments == []

    url = f"/dashboard/comments?team_id={emea}&start={start}&end={end}"
    first = client.get(url).get_data(as_text=True)
    assert first.count('<div class="comment">') == 50
    assert f"{total} comments, newest month first · page 1 of {pages}" in first
    assert "page=2" in first and "Older" in first and "Newer" not in first
    shown = re.findall(r'<h3 class="month">(\d{4}-\d{2})</h3>', first)
    assert shown == sorted(set(months[:50]), reverse=True)
    last = client.get(f"{url}&page={pages}").get_data(as_text=True)
    assert last.count('<div class="comment">') == total - 50 * (pages - 1)
    assert every[-1].month in last and "Newer" in last and "Older" not in last
    for bad_page in ("0", "x", "100001"):
        bad = client.get(f"/dashboard/comments?page={bad_page}")
        assert bad.status_code == 400
        assert "Page must be a whole number from 1 to 100000" in bad.get_data(as_text=True)


def test_pages_and_api_are_the_same_with_and_without_the_cache(demo, app, client, make_user, login):
    login(make_user("hr"))
    team_id = next(team.id for team in insights.team_list(HR) if team.name == "Support EMEA")
    urls = [
        "/dashboard/",
        "/dashboard/teams",
        f"/dashboard/teams/{team_id}",
        "/dashboard/heatmap",
        "/dashboard/comments",
        "/dashboard/export.csv",
        "/dashboard/?granularity=month",
        "/api/v1/org/trend",
        f"/api/v1/teams/{team_id}/trend",
        f"/api/v1/teams/{team_id}/correlation",
        "/api/v1/drivers/heatmap",
        f"/api/v1/comments?team_id={team_id}&page=2",
    ]
    cached = bodies(client, urls)
    assert bodies(client, urls) == cached  # served from the cache
    assert len(cache.figures_cache()) > 0
    app.extensions[cache.EXTENSION_KEY] = cache.FiguresCache(max_rows=0)
    assert bodies(client, urls) == cached


def bodies(client, urls: list[str]) -> list[bytes]:
    """Each response's body, its CSRF token (signed with the time) left out."""
    return [re.sub(rb'name="csrf_token" value="[^"]*"', b"", client.get(url).get_data()) for url in urls]


def test_head_of_support_sees_the_department_and_its_trend(demo, client):
    """Issue 11: the department of 2 direct members and nine sub-teams used to be withheld every week."""
    head = db.session.scalar(sa.select(User).where(User.email == f"manager@{DEMO_DOMAIN}"))
    manager = Principal("manager", head.employee_id)
    end = date.today()
    start = end - timedelta(weeks=26)
    support = next(team.id for team in insights.team_list(manager) if team.name == "Customer Support")
    trend = insights.team_trend(manager, support, start, end)
    answered = [point for point in trend.points if point.respondents or point.withheld]
    assert len(answered) >= 20
    for point in answered:
        assert point.withheld_fields == () and None not in (point.engagement, point.participation)
    assert sum(point.enps is not None for point in answered) >= 3  # the eNPS question is not weekly
    assert insights.team_correlation(manager, support, start, end).analysis.n_periods >= 20
    drivers = insights.driver_heatmap(manager, start, end, team_ids=[support]).rows[0]
    assert not any(cell.withheld for cell in [drivers.engagement, *drivers.cells])

    client.post("/login", data={"email": head.email, "password": DEMO_PASSWORD})
    page = client.get(f"/dashboard/teams/{support}").get_data(as_text=True)
    assert '<span class="withheld"' not in page and "0 weeks" not in page
    chart = json.loads(re.search(r'id="team-data">(.*?)</script>', page, re.S).group(1))
    engagement = next(series for series in chart["series"] if series["key"] == "engagement")
    assert sum(value is not None for value in engagement["values"]) >= 20
    # Support Escalations, the smallest sub-team, is withheld every week to keep the 2 direct members
    # hidden, and says so; every other sub-team's engagement is shown every week.
    sub_teams = {t.name: t.id for t in insights.team_list(manager) if t.id != support}
    trends = insights.team_trends(manager, list(sub_teams.values()), start, end)
    reasons = {  # of the weeks with answers: on a Monday morning the week just begun may have none yet
        name: {
            point.withheld_reasons.get("engagement")
            for point in trend.points
            if point.respondents or point.withheld
        }
        for name, trend in zip(sub_teams, trends, strict=True)
    }
    assert reasons.pop("Support Escalations") == {REVEALS_SMALLER}
    assert len(reasons) == 8 and all(found == {None} for found in reasons.values()), reasons


@pytest.mark.parametrize("granularity", ["week", "month"])
def test_no_combination_of_shown_demo_figures_leaves_a_small_group(demo, granularity) -> None:
    end = date.today()
    start = end - timedelta(weeks=26)
    tree = load_tree(HR)
    scopes = [ORG_SCOPE, *sorted(tree.names)]
    trends = insights.team_trends(HR, [None, *scopes[1:]], start, end, granularity)
    shown = {
        (scope, point.period_start, field)
        for scope, trend in zip(scopes, trends, strict=True)
        for point in trend.points
        for field in SURVEY_FIELDS
        if field not in point.withheld_fields
    }
    sizes: dict[tuple[date, str], dict[int, int]] = {}
    for team_id, period, metric, respondents in db.session.execute(
        sa.select(
            TeamPeriodStat.team_id,
            TeamPeriodStat.period_start,
            TeamPeriodStat.metric,
            TeamPeriodStat.respondents,
        ).where(TeamPeriodStat.granularity == granularity, TeamPeriodStat.metric.in_(SURVEY_FIELDS))
    ):
        sizes.setdefault((period, metric), {})[ORG_SCOPE if team_id is None else team_id] = respondents
    checked = 0
    for (period, metric), counts in sizes.items():
        visible = {s for s in scopes if (s, period, metric) in shown}
        for group in visible:
            for taken in removable_within(tree, counts, visible, group):
                left = counts.get(group, 0) - taken
                assert not 1 <= left < 5, (period, metric, group, taken)
                checked += 1
    assert checked > 100


def removable_within(tree, counts: dict[int, int], visible: set[int], scope: int) -> set[int]:
    """Every total of shown groups below `scope`, none inside another, that could be taken away from it."""
    totals = {0}
    for child in tree.children.get(scope, []):
        options = removable_within(tree, counts, visible, child)
        if child in visible:
            options.add(counts.get(child, 0))
        totals = {a + b for a in totals for b in options}
    return totals


def test_why_a_figure_is_withheld_on_pages_api_and_export(demo, client, make_user, login):
    """Billing (3 people) has too few respondents; a sub-team withheld to keep a remainder hidden says so."""
    login(make_user("hr"))
    teams = {team.name: team.id for team in insights.team_list(HR)}
    billing = client.get(f"/api/v1/teams/{teams['Billing']}/trend").get_json()
    assert {r for p in billing["points"] for r in p["withheld_reasons"].values()} == {"too_few_respondents"}
    protecting = []
    for name in [name for name in teams if name.startswith("Support ")]:
        body = client.get(f"/api/v1/teams/{teams[name]}/trend").get_json()
        for point in body["points"]:
            assert set(point["withheld_reasons"]) == set(point["withheld_fields"])
            assert all(point[field] is None for field in point["withheld_fields"])
            if point["withheld_reasons"].get("engagement") == REVEALS_SMALLER:
                protecting.append((teams[name], point["period_start"]))
    assert protecting
    organisation = client.get("/api/v1/org/trend").get_json()
    assert all(point["engagement"] is not None for point in organisation["points"] if point["respondents"])

    export = client.get("/dashboard/export.csv?granularity=week").get_data(as_text=True)
    assert "withheld (would reveal a smaller group)" in export and "withheld (too few respondents)" in export
    assert not re.search(r",withheld(,|$)", export, re.M)  # every withheld cell says why
    team_id, week = protecting[0]
    page = client.get(f"/dashboard/teams/{team_id}?start={week}&end={week}").get_data(as_text=True)
    assert "withheld (would reveal a smaller group)</span>" in page
    billing_page = client.get(f"/dashboard/teams/{teams['Billing']}").get_data(as_text=True)
    assert "withheld (fewer than 5 respondents)" in billing_page
    assert "would reveal a smaller group)</span>" not in billing_page
