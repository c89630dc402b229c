from datetime import date, timedelta

import pytest

from engage import insights
from engage.auth.access import Principal
from tests.insights.conftest import HR


@pytest.mark.parametrize("granularity", ["week", "month"])
def test_team_trends_equal_one_team_at_a_time(demo, granularity):
    end = date.today()
    start = end - timedelta(weeks=26)
    team_ids = [team.id for team in insights.team_list(HR)]
    batch = insights.team_trends(HR, team_ids, start, end, granularity)
    assert batch == [insights.team_trend(HR, team_id, start, end, granularity) for team_id in team_ids]
    withheld = {field for trend in batch for point in trend.points for field in point.withheld_fields}
    assert "engagement" in withheld
    assert any(p.engagement is not None for trend in batch for p in trend.points)
    reversed_ids = list(reversed(team_ids))
    assert insights.team_trends(HR, reversed_ids, start, end, granularity) == list(reversed(batch))


def test_team_trends_keep_scoping_and_input_rules(demo):
    manager = Principal("manager", None)
    end = date.today()
    start = end - timedelta(weeks=4)
    first = insights.team_list(HR)[0].id
    with pytest.raises(PermissionError):
        insights.team_trends(manager, [first], start, end)
    with pytest.raises(insights.UnknownTeam, match="no team with id 999999"):
        insights.team_trends(HR, [first, 999999], start, end)
    with pytest.raises(insights.InsightsInputError, match="granularity must be one of"):
        insights.team_trends(HR, [first], start, end, "year")
    assert insights.team_trends(HR, [], start, end) == []


def test_heatmap_of_some_teams_equals_their_rows_of_the_whole_heatmap(demo):
    end = date.today()
    start = end - timedelta(weeks=26)
    whole = insights.driver_heatmap(HR, start, end)
    rows = {row.team_id: row for row in whole.rows}
    assert any(cell.withheld for row in whole.rows for cell in row.cells)
    assert any(cell.score is not None for row in whole.rows for cell in row.cells)
    team_ids = [team.id for team in insights.team_list(HR)]
    for team_id in team_ids:
        one = insights.driver_heatmap(HR, start, end, team_ids=[team_id])
        assert (one.start, one.end, one.drivers, one.threshold) == (
            whole.start,
            whole.end,
            whole.drivers,
            whole.threshold,
        )
        assert one.rows == [rows[team_id]]
    assert insights.driver_heatmap(HR, start, end, team_ids=team_ids[::-1]).rows == [
        rows[team_id] for team_id in team_ids[::-1]
    ]
    assert insights.driver_heatmap(HR, start, end, team_ids=[]).rows == []
