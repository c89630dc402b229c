"""Imported answers count in the rollups, the dashboard's trends and the API like answers given in Slack."""

from datetime import date, timedelta

import sqlalchemy as sa

from engage.auth.tokens import create_token
from engage.extensions import db
from engage.insights import rollups
from engage.models import TeamPeriodStat
from engage.models.base import utcnow
from tests.history.conftest import HEADER, import_text
from tests.insights.test_rollups import assert_rollups_match_raw

WEEKS = (date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19))  # Mondays


def history(support_people, score_of=lambda week, i: 1 + (week + i) % 5) -> str:
    """Three weeks of answers from all twelve people, each in the team they are in now."""
    rows = [
        f"{person.email},{monday + timedelta(days=i % 3)},Q{week % 2}?,growth,{score_of(week, i)},,"
        for week, monday in enumerate(WEEKS)
        for i, person in enumerate(support_people["support"] + support_people["emea"])
    ]
    return HEADER + "\n".join(rows) + "\n"


def engagement_by_week(client, team) -> dict[str, float | None]:
    headers = {"Authorization": f"Bearer {create_token('hr', 'test')}"}
    body = client.get(
        f"/api/v1/teams/{team.id}/trend?start=2025-12-29&end=2026-01-25&granularity=week", headers=headers
    ).get_json()
    return {point["period_start"]: point["engagement"] for point in body["points"]}


def figures() -> dict[tuple, tuple]:
    stat = TeamPeriodStat
    return {
        (r.team_id, r.granularity, r.period_start, r.metric): (
            r.n,
            r.total,
            r.respondents,
            r.sent,
            r.promoters,
            r.detractors,
            r.answered,
        )
        for r in db.session.scalars(sa.select(stat))
    }


def expected_engagement(support_people, week: int) -> float:
    scores = [1 + (week + 6 + i) % 5 for i in range(6)]  # EMEA's people come after Support's six
    return round(sum((s - 1) * 25 for s in scores) / len(scores), 2)


def test_after_an_import_refresh_stats_shows_the_imported_weeks(client, runner, support_people):
    rollups.refresh()  # a watermark exists: the next refresh is incremental
    emea = support_people["emea"][0].team
    assert all(value is None for value in engagement_by_week(client, emea).values())

    import_text(history(support_people))
    result = runner.invoke(args=["engage", "refresh-stats"])

    assert result.exit_code == 0, result.output
    imported = {str(monday): expected_engagement(support_people, week) for week, monday in enumerate(WEEKS)}
    assert engagement_by_week(client, emea) == {"2025-12-29": None, **imported}
    incremental = figures()
    rollups.refresh(full=True)
    assert figures() == incremental
    assert_rollups_match_raw()


def test_an_import_is_refreshed_even_when_the_watermark_has_passed_its_rows(client, support_people):
    """A long import commits after its rows' timestamps: the import marks its days and teams stale."""
    rollups.refresh()
    import_text(history(support_people))

    counts = rollups.refresh(since=utcnow() + timedelta(hours=1))

    assert counts["periods"] > 0
    incremental = figures()
    rollups.refresh(full=True)
    assert figures() == incremental


def test_a_reimport_with_changed_scores_and_teams_refreshes_both_teams(client, support_people):
    import_text(history(support_people))
    rollups.refresh()
    moved = history(support_people, score_of=lambda week, i: 5).replace(",,\n", ",,Support / Support EMEA\n")

    import_text(moved)
    rollups.refresh()

    support = support_people["support"][0].team
    incremental = figures()
    assert engagement_by_week(client, support)[str(WEEKS[0])] == 100.0  # the ancestor counts its sub-team
    rollups.refresh(full=True)
    assert figures() == incremental
    assert_rollups_match_raw()
