from datetime import date, datetime

import pandas as pd
import sqlalchemy as sa

from engage.analytics.metrics import ORG_SCOPE, normalise_stats, stats_from_raw
from engage.extensions import db
from engage.insights import rollups
from engage.insights.closure import ancestors_by_team
from engage.models import (
    Kudos,
    KudosRecipient,
    PulseDelivery,
    PulseResponse,
    Question,
    Rating,
    TeamPeriodStat,
)

WEDNESDAY = date(2026, 3, 4)


def rollup_frame(granularity: str) -> pd.DataFrame:
    rows = db.session.execute(
        sa.select(sa.func.coalesce(TeamPeriodStat.team_id, ORG_SCOPE), TeamPeriodStat.period_start,
                  TeamPeriodStat.metric, TeamPeriodStat.n, TeamPeriodStat.total, TeamPeriodStat.respondents,
                  TeamPeriodStat.sent, TeamPeriodStat.promoters, TeamPeriodStat.detractors)
        .where(TeamPeriodStat.granularity == granularity)
    ).all()
    return normalise_stats(pd.DataFrame(rows, columns=[
        "scope", "period_start", "metric", "n", "total", "respondents", "sent", "promoters", "detractors"]))


def raw_frames():
    """Every raw row, read independently of the rollup SQL."""
    def frame(query, columns):
        return pd.DataFrame(db.session.execute(query).all(), columns=columns)

    responses = frame(
        sa.select(PulseResponse.employee_id, PulseResponse.team_id, PulseDelivery.pulse_date, Question.driver,
                  Question.scale, PulseResponse.score)
        .join(PulseDelivery, PulseDelivery.id == PulseResponse.delivery_id)
        .join(Question, Question.id == PulseResponse.question_id),
        ["employee_id", "team_id", "pulse_date", "driver", "scale", "score"])
    deliveries = frame(
        sa.select(PulseDelivery.employee_id, PulseDelivery.team_id, PulseDelivery.pulse_date,
                  PulseDelivery.status, PulseResponse.id)
        .outerjoin(PulseResponse, PulseResponse.delivery_id == PulseDelivery.id),
        ["employee_id", "team_id", "pulse_date", "status", "response_id"])
    deliveries["answered"] = deliveries["response_id"].notna()
    deliveries["counted"] = (deliveries["status"] == "sent") | deliveries["answered"]
    ratings = frame(sa.select(Rating.team_id, Rating.rated_at, Rating.kind, Rating.score, Rating.satisfied),
                    ["team_id", "rated_at", "kind", "score", "satisfied"])
    given = frame(sa.select(Kudos.giver_team_id, Kudos.created_at), ["team_id", "created_at"])
    received = frame(sa.select(KudosRecipient.team_id, Kudos.created_at).join(Kudos),
                     ["team_id", "created_at"])
    return responses, deliveries, ratings, given, received


def assert_rollups_match_raw():
    for granularity in ("day", "week", "month"):
        expected = stats_from_raw(*raw_frames(), granularity, ancestors_by_team())
        pd.testing.assert_frame_equal(rollup_frame(granularity), expected, check_dtype=False)


def build_org(make_team, people, answer, send, rate, give_kudos):
    sales = make_team("Sales")
    emea = make_team("Sales EMEA", parent=sales)
    support = make_team("Support")
    team_people = {t.id: people(t, 3) for t in (sales, emea, support)}
    for offset in range(0, 40, 3):
        day = date(2026, 2, 1) + pd.Timedelta(days=offset)
        for members in team_people.values():
            for i, person in enumerate(members):
                if (i + offset) % 4 == 0:
                    send(person, day, commit=False)
                elif i == 2:
                    answer(person, day, (i * 3 + offset) % 11, driver="enps", commit=False)
                else:
                    driver = ("recognition", "growth")[i]
                    answer(person, day, 1 + (i + offset) % 5, driver=driver, commit=False)
        rate(emea, datetime(2026, 2, 1, 23, 30) + pd.Timedelta(days=offset), satisfied=offset % 2 == 0,
             commit=False)
        rate(support, datetime(2026, 2, 2, 0, 15) + pd.Timedelta(days=offset), kind="nps",
             score=float(offset % 11) * 10, satisfied=offset % 11 >= 9, commit=False)
        rate(None, datetime(2026, 2, 3) + pd.Timedelta(days=offset), commit=False)
        give_kudos(team_people[emea.id][0], [team_people[sales.id][1], team_people[support.id][2]],
                   datetime(2026, 2, 1, 9) + pd.Timedelta(days=offset), commit=False)
    db.session.commit()
    return sales, emea, support, team_people


def test_full_rebuild_equals_a_computation_from_raw_rows(make_team, people, answer, send, rate, give_kudos):
    build_org(make_team, people, answer, send, rate, give_kudos)
    counts = rollups.refresh()
    assert counts["rows"] > 0
    week = rollup_frame("week")
    assert set(week["metric"]) == {"engagement", "driver:recognition", "driver:growth", "enps",
                                   "participation", "csat", "nps", "kudos_given", "kudos_received"}
    assert_rollups_match_raw()
