import csv
import io
import json
import re
from datetime import date, datetime, time, timedelta

import pytest

from engage import insights
from engage.auth.access import Principal
from engage.extensions import db
from engage.insights import rollups
from engage.models import Rating, Team
from tests.conftest import PASSWORD

HR = Principal("hr", None)
WITHHELD = "withheld (fewer than 5 respondents)"


def chart_data(html: str, element_id: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert match, f"no JSON block {element_id}"
    return json.loads(match.group(1))


def series(chart: dict, key: str) -> list:
    return next(s["values"] for s in chart["series"] if s["key"] == key)


@pytest.fixture
def manager(company, make_user):
    return make_user("manager", employee=company.people["Support"][0])


def test_pages_need_sign_in(client):
    for url in (
        "/dashboard/",
        "/dashboard/teams",
        "/dashboard/heatmap",
        "/dashboard/comments",
        "/dashboard/export.csv",
        "/dashboard/teams/1",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


def test_home_lands_on_the_overview(client, make_user, login):
    login(make_user("hr"))
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dashboard/")


def test_overview_charts_the_organisation_with_real_numbers(client, company, make_user, login):
    login(make_user("hr"))
    html = client.get("/dashboard/").get_data(as_text=True)
    chart = chart_data(html, "overview-data")
    end = date.today()
    expected = insights.org_trend(HR, end - timedelta(weeks=26), end, "week")
    assert chart["labels"] == [p.label for p in expected.points]
    assert series(chart, "engagement") == [p.engagement for p in expected.points]
    assert series(chart, "csat_pct") == [p.csat_pct for p in expected.points]
    assert sum(v is not None for v in series(chart, "engagement")) >= 15
    assert set(chart["axes"]) == {"score", "pct"}
    assert 'src="/static/vendor/chart.umd.min.js"' in html
    assert "https://" not in html
    for name in ("Support", "Sales", "Tiny"):
        assert name in html


def test_teams_table_withholds_the_small_team(client, company, make_user, login):
    login(make_user("hr"))
    html = client.get("/dashboard/teams").get_data(as_text=True)
    tiny = re.search(rf'<tr data-team-id="{company.teams["Tiny"].id}">(.*?)</tr>', html, re.S).group(1)
    engagement, participation, enps = re.findall(r"<td[^>]*>(.*?)</td>", tiny, re.S)[1:4]
    for cell in (engagement, participation, enps):
        assert WITHHELD in cell
        assert not re.search(r"\d", cell.replace(WITHHELD, "").replace("Fewer than 5 respondents", ""))
    support = re.search(rf'<tr data-team-id="{company.teams["Support"].id}">(.*?)</tr>', html, re.S).group(1)
    assert WITHHELD not in support
    assert "CSAT follows by 2 wk" in support


def test_team_page_reads_the_correlation(client, company, make_user, login):
    login(make_user("hr"))
    team_id = company.teams["Support"].id
    html = client.get(f"/dashboard/teams/{team_id}").get_data(as_text=True)
    assert "CSAT tends to follow engagement by about 2 weeks" in html
    correlation = chart_data(html, "correlation-data")
    assert correlation["best_lag"] == 2
    assert len(correlation["lags"]) == len(correlation["r"]) == len(correlation["ci"])
    trend = chart_data(html, "team-data")
    assert {s["key"] for s in trend["series"]} == {"engagement", "csat_pct", "participation", "response_rate"}
    assert "Drivers" in html and "Recognition" in html


def test_team_page_drivers_match_the_teams_heatmap_row(client, company, make_user, login):
    login(make_user("hr"))
    end = date.today()
    start = end - timedelta(weeks=26)
    for name in ("Support", "Tiny"):
        team_id = company.teams[name].id
        html = client.get(f"/dashboard/teams/{team_id}?start={start}&end={end}").get_data(as_text=True)
        drivers = html.split('id="drivers"')[1].split("</section>")[0]
        tiles = re.findall(r'<div class="driver-score">(.*?)</div>', drivers, re.S)
        row = next(r for r in insights.driver_heatmap(HR, start, end).rows if r.team_id == team_id)
        expected = [
            WITHHELD if cell.withheld else "no data" if cell.score is None else f"{cell.score:.0f}"
            for cell in [row.engagement, *row.cells]
        ]
        assert [re.sub(r"<[^>]+>", "", tile).strip() for tile in tiles] == expected


def test_small_team_page_shows_withheld_and_no_number(client, company, make_user, login):
    login(make_user("hr"))
    html = client.get(f"/dashboard/teams/{company.teams['Tiny'].id}").get_data(as_text=True)
    assert WITHHELD in html
    chart = chart_data(html, "team-data")
    assert series(chart, "engagement") == [None] * len(chart["labels"])
    assert series(chart, "participation") == [None] * len(chart["labels"])
    cards = html.split('<div class="cards">')[1].split("Kudos")[0]
    assert not re.search(r'class="stat">\s*\d', cards)


def test_before_after_compares_around_a_date(client, company, make_user, login):
    login(make_user("hr"))
    pivot = company.first_monday + timedelta(weeks=10)
    html = client.get(f"/dashboard/teams/{company.teams['Support'].id}?pivot={pivot}").get_data(as_text=True)
    section = html.split('id="before-after"')[1]
    assert "95% CI" in section
    assert pivot.isoformat() in section
    bad = client.get(f"/dashboard/teams/{company.teams['Support'].id}?pivot=soon")
    assert bad.status_code == 400
    assert "YYYY-MM-DD" in bad.get_data(as_text=True)


def test_bad_filters_say_what_to_fix(client, company, make_user, login):
    login(make_user("hr"))
    response = client.get("/dashboard/?granularity=year")
    assert response.status_code == 400
    assert "Granularity must be one of day, week, month" in response.get_data(as_text=True)
    assert client.get("/dashboard/teams/999999").status_code == 404


def test_manager_sees_only_their_team(client, company, manager, login):
    login(manager)
    html = client.get("/dashboard/").get_data(as_text=True)
    assert "<h1>Support</h1>" in html
    assert "Sales" not in html and "Tiny" not in html
    refused = client.get(f"/dashboard/teams/{company.teams['Sales'].id}")
    assert refused.status_code == 403
    assert "is not one of your teams" in refused.get_data(as_text=True)
    assert client.get(f"/dashboard/?team_id={company.teams['Sales'].id}").status_code == 403
    assert client.get(f"/dashboard/comments?team_id={company.teams['Sales'].id}").status_code == 403
    heatmap = client.get("/dashboard/heatmap").get_data(as_text=True)
    assert "Support" in heatmap and "Sales" not in heatmap
    rows = list(csv.reader(io.StringIO(client.get("/dashboard/export.csv").get_data(as_text=True))))
    assert {row[0] for row in rows[1:]} == {"Support"}


def test_cached_tables_follow_the_rollups_and_the_viewer(
    app, client, company, manager, make_user, login, bearer
):
    """Tables, CSV and JSON are kept per rollup version and per set of visible teams."""
    login(make_user("hr"))
    tiny = company.teams["Tiny"]

    def tiny_export_rows() -> list[dict]:
        rows = csv.DictReader(io.StringIO(client.get("/dashboard/export.csv").get_data(as_text=True)))
        return [row for row in rows if row["team"] == "Tiny"]

    def tiny_csat_cell() -> str:
        table = client.get("/dashboard/teams").get_data(as_text=True)
        row = re.search(rf'<tr data-team-id="{tiny.id}">(.*?)</tr>', table, re.S)
        assert row, "the table has no row for Tiny"
        return re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)[4].strip()

    assert all(row["ratings"] == "0" for row in tiny_export_rows())
    assert "Tiny" in client.get("/dashboard/heatmap").get_data(as_text=True)
    assert tiny_csat_cell() == '<span class="muted">no data</span>'
    hr_api = client.get("/api/v1/drivers/heatmap", headers=bearer("hr")).get_json()
    assert "Tiny" in [row["team"]["name"] for row in hr_api["rows"]]

    manager_client = app.test_client()
    signed_in = manager_client.post("/login", data={"email": manager.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    heatmap = manager_client.get("/dashboard/heatmap").get_data(as_text=True)
    assert "Support" in heatmap and "Tiny" not in heatmap
    manager_csv = manager_client.get("/dashboard/export.csv").get_data(as_text=True)
    assert {row["team"] for row in csv.DictReader(io.StringIO(manager_csv))} == {"Support"}
    manager_api = manager_client.get("/api/v1/drivers/heatmap", headers=bearer("manager", manager)).get_json()
    assert [row["team"]["name"] for row in manager_api["rows"]] == ["Support"]

    monday = date.today() - timedelta(days=date.today().weekday())
    db.session.add_all(
        Rating(
            source="helpdesk",
            external_id=f"tiny-{i}",
            kind="csat",
            raw_value="1",
            score=0.0,
            satisfied=False,
            rated_at=datetime.combine(monday, time(9)),
            team_id=tiny.id,
            imported_at=datetime.utcnow(),
        )
        for i in range(10)
    )
    db.session.commit()
    assert all(row["ratings"] == "0" for row in tiny_export_rows())  # until the next refresh
    rollups.refresh()
    assert tiny_export_rows()[-1]["ratings"] == "10" and tiny_export_rows()[-1]["csat_pct"] == "0.0"
    assert tiny_csat_cell() == "0%"


def test_heatmap_withholds_small_teams(client, company, make_user, login):
    login(make_user("hr"))
    html = client.get("/dashboard/heatmap").get_data(as_text=True)
    tiny_row = html.split(">Tiny</a>")[1].split("</tr>")[0]
    assert tiny_row.count('data-withheld="1"') >= 5
    assert not re.search(r'class="cell heat-\d"', tiny_row)
    support_row = html.split(">Support</a>")[1].split("</tr>")[0]
    assert re.search(r'class="cell heat-\d"[^>]*>\d+<', support_row)


def test_comments_have_no_names_and_small_groups_are_withheld(client, company, make_user, login):
    login(make_user("hr"))
    html = client.get(f"/dashboard/comments?team_id={company.teams['Support'].id}").get_data(as_text=True)
    assert "The new rota gives me time" in html
    assert not any(person.name in html for person in company.people["Support"])
    small = client.get(f"/dashboard/comments?team_id={company.teams['Sales'].id}").get_data(as_text=True)
    assert "Comments withheld" in small
    assert "The new rota" not in small


def test_export_withholds_and_neutralises_formulas(client, company, make_user, login):
    db.session.add(Team(name='=HYPERLINK("http://x")'))
    db.session.commit()
    login(make_user("hr"))
    response = client.get("/dashboard/export.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    tiny = [row for row in rows if row["team"] == "Tiny"]
    withheld = "withheld (too few respondents)"  # the reason is given since issue 11
    assert tiny and all(row["engagement"] in (withheld, "") for row in tiny)
    assert any(row["engagement"] == withheld for row in tiny)
    support = [row for row in rows if row["team"] == "Support" and row["engagement"] not in ("", withheld)]
    assert len(support) >= 15
    names = {row["team"] for row in rows}
    assert '\'=HYPERLINK("http://x")' in names
    assert not any(name.startswith("=") for name in names)
