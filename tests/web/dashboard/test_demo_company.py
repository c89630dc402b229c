import re
from datetime import date, timedelta

import pytest

from engage import insights
from engage.auth.access import Principal
from engage.insights import cache, rollups

HR = Principal("hr", None)


@pytest.fixture
def demo(app, runner):
    result = runner.invoke(args=["engage", "seed-demo"])
    assert result.exit_code == 0, result.output
    rollups.refresh(full=True)


def test_comments_page_newest_month_first_fifty_at_a_time(demo, client, make_user, login):
    login(make_user("hr"))
    end = date.today()
    start = end - timedelta(weeks=26)
    emea = next(team.id for team in insights.team_list(HR) if team.name == "Support EMEA")
    first_result = insights.comments(HR, emea, start, end)
    total, pages = first_result.total, first_result.pages
    assert total > 100 and pages == -(-total // 50)
    every = [c for page in range(1, pages + 1)
             for c in insights.comments(HR, emea, start, end, page).comments]
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
    urls = ["/dashboard/", "/dashboard/teams", f"/dashboard/teams/{team_id}", "/dashboard/heatmap",
            "/dashboard/comments", "/dashboard/export.csv", "/dashboard/?granularity=month",
            "/api/v1/org/trend", f"/api/v1/teams/{team_id}/trend", f"/api/v1/teams/{team_id}/correlation",
            "/api/v1/drivers/heatmap", f"/api/v1/comments?team_id={team_id}&page=2"]
    cached = bodies(client, urls)
    assert bodies(client, urls) == cached  # served from the cache
    assert len(cache.figures_cache()) > 0
    app.extensions[cache.EXTENSION_KEY] = cache.FiguresCache(max_rows=0)
    assert bodies(client, urls) == cached


def bodies(client, urls: list[str]) -> list[bytes]:
    """Each response's body, its CSRF token (signed with the time) left out."""
    return [re.sub(rb'name="csrf_token" value="[^"]*"', b"", client.get(url).get_data()) for url in urls]
