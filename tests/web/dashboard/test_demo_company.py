import re
from datetime import date, timedelta

import pytest

from engage import insights
from engage.auth.access import Principal
from engage.insights import rollups

HR = Principal("hr", None)


@pytest.fixture
def demo(app, runner):
    result = runner.invoke(args=["engage", "seed-demo"])
    assert result.exit_code == 0, result.output
    rollups.refresh(full=True)


def test_comments_page_newest_first_a_hundred_at_a_time(demo, client, make_user, login):
    login(make_user("hr"))
    end = date.today()
    start = end - timedelta(weeks=26)
    emea = next(team.id for team in insights.team_list(HR) if team.name == "Support EMEA")
    every = insights.comments(HR, emea, start, end).comments
    assert len(every) > 100
    url = f"/dashboard/comments?team_id={emea}&start={start}&end={end}"
    first = client.get(url).get_data(as_text=True)
    assert first.count('<div class="comment">') == 100
    assert f"page 1 of {-(-len(every) // 100)}" in first
    months = re.findall(r'<h3 class="month">(\d{4}-\d{2})</h3>', first)
    assert months == sorted(months, reverse=True) and months[0] == every[-1].month
    last_page = -(-len(every) // 100)
    last = client.get(f"{url}&page={last_page}").get_data(as_text=True)
    assert last.count('<div class="comment">') == len(every) - 100 * (last_page - 1)
    assert every[0].month in last
    bad = client.get("/dashboard/comments?page=0")
    assert bad.status_code == 400
    assert "Page must be a whole number" in bad.get_data(as_text=True)
