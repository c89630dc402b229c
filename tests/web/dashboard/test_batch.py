from datetime import date, timedelta

import pytest

from engage import insights
from engage.auth.access import Principal
from engage.insights import rollups
from engage.web.dashboard.batch import team_trends

HR = Principal("hr", None)


@pytest.fixture
def demo(app, runner):
    result = runner.invoke(args=["engage", "seed-demo"])
    assert result.exit_code == 0, result.output
    rollups.refresh(full=True)


@pytest.mark.parametrize("granularity", ["week", "month"])
def test_batch_trends_equal_one_team_at_a_time(demo, granularity):
    """The demo has nested teams and a team under the threshold: withholding must match exactly."""
    end = date.today()
    start = end - timedelta(weeks=26)
    team_ids = [team.id for team in insights.team_list(HR)]
    batch = team_trends(HR, team_ids, start, end, granularity)
    assert batch == [insights.team_trend(HR, team_id, start, end, granularity) for team_id in team_ids]
    withheld = {field for trend in batch for point in trend.points for field in point.withheld_fields}
    assert "engagement" in withheld
    assert any(p.engagement is not None for trend in batch for p in trend.points)


def test_batch_trends_keep_scoping(demo):
    manager = Principal("manager", None)
    end = date.today()
    with pytest.raises(PermissionError):
        team_trends(manager, [insights.team_list(HR)[0].id], end - timedelta(weeks=4), end)
    assert team_trends(HR, [], end - timedelta(weeks=4), end) == []
