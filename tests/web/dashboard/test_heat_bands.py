"""One rule colours a score: the heatmap, its legend and the team page's driver tiles agree."""

import re
from datetime import date, timedelta

from engage import insights
from engage.auth.access import Principal
from engage.web.dashboard.figures import heat_band

HR = Principal("hr", None)
BANDS = {0: (0, 39.99), 1: (40, 54.99), 2: (55, 64.99), 3: (65, 74.99), 4: (75, 100)}


def test_each_band_holds_the_scores_its_legend_names():
    for band, (low, high) in BANDS.items():
        assert heat_band(low) == heat_band(high) == band


def test_heatmap_and_team_page_give_a_score_the_same_band(client, company, make_user, login):
    login(make_user("hr"))
    end = date.today()
    start = end - timedelta(weeks=26)
    support = company.teams["Support"].id
    row = next(r for r in insights.driver_heatmap(HR, start, end).rows if r.team_id == support)
    expected = [heat_band(cell.score) for cell in [row.engagement, *row.cells] if cell.score is not None]
    assert len(set(expected)) > 1  # otherwise the test could not tell bands apart

    heatmap = client.get(f"/dashboard/heatmap?start={start}&end={end}").get_data(as_text=True)
    heatmap_row = heatmap.split(">Support</a>")[1].split("</tr>")[0]
    assert [int(b) for b in re.findall(r'class="cell heat-(\d)"', heatmap_row)] == expected
    legend = heatmap.split('class="legend"')[1].split("withheld")[0]
    legend = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", legend))
    assert "under 40 40-54 55-64 65-74 75+" in legend

    team = client.get(f"/dashboard/teams/{support}?start={start}&end={end}").get_data(as_text=True)
    drivers = team.split('id="drivers"')[1].split("</section>")[0]
    assert [int(b) for b in re.findall(r'class="driver-tile heat-(\d)"', drivers)] == expected
