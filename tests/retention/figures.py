"""Every figure the dashboard and the API give, read through the test client, to compare before and after."""

from datetime import date, timedelta

from engage.models import Team


def dashboard_figures(client, teams: list[Team], today: date | None = None) -> dict[str, str]:
    today = today or date.today()
    window = f"start={today - timedelta(weeks=30)}&end={today}"
    days = f"start={today - timedelta(days=80)}&end={today}"
    urls = [
        f"/dashboard/export.csv?{days}&granularity=day",
        *(f"/dashboard/export.csv?{window}&granularity={g}" for g in ("week", "month")),
        f"/dashboard/correlation.csv?{window}",
        *(f"/api/v1/org/trend?{window}&granularity={g}" for g in ("week", "month")),
        *(f"/api/v1/teams/{team.id}/trend?{window}&granularity=week" for team in teams),
        f"/api/v1/drivers/heatmap?{window}",
        f"/api/v1/org/correlation?{window}",
    ]
    figures = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.data[:300])
        figures[url] = response.get_data(as_text=True)
    return figures
