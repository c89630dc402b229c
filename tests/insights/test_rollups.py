from datetime import UTC, date, datetime

import pandas as pd
import sqlalchemy as sa

from engage.analytics.metrics import ORG_SCOPE, STAT_COLUMNS, normalise_stats, stats_from_raw
from engage.csat.importer import import_ratings
from engage.csat.outcomes import record_ticket_outcomes
from engage.csat.ticket_rows import TicketRow
from engage.extensions import db
from engage.insights import rollups
from engage.insights.closure import ancestor_chains, team_parents
from engage.insights.rollup_source import SLICE_PEOPLE, slice_of
from engage.models import (
    Kudos,
    KudosRecipient,
    OrgSliceStat,
    PulseDelivery,
    PulseResponse,
    Question,
    Rating,
    TeamPeriodStat,
    TicketOutcome,
)

WEDNESDAY = date(2026, 3, 4)


def rollup_frame(granularity: str) -> pd.DataFrame:
    rows = db.session.execute(
        sa.select(
            sa.func.coalesce(TeamPeriodStat.team_id, ORG_SCOPE),
            TeamPeriodStat.period_start,
            TeamPeriodStat.metric,
            TeamPeriodStat.n,
            TeamPeriodStat.total,
            TeamPeriodStat.respondents,
            TeamPeriodStat.sent,
            TeamPeriodStat.promoters,
            TeamPeriodStat.detractors,
            TeamPeriodStat.answered,
        ).where(TeamPeriodStat.granularity == granularity)
    ).all()
    return normalise_stats(pd.DataFrame(rows, columns=STAT_COLUMNS))


def raw_frames():
    """Every raw row, read independently of the rollup SQL."""

    def frame(query, columns):
        return pd.DataFrame(db.session.execute(query).all(), columns=columns)

    responses = frame(
        sa.select(
            PulseResponse.employee_id,
            PulseResponse.team_id,
            PulseDelivery.pulse_date,
            Question.driver,
            Question.scale,
            PulseResponse.score,
        )
        .join(PulseDelivery, PulseDelivery.id == PulseResponse.delivery_id)
        .join(Question, Question.id == PulseResponse.question_id),
        ["employee_id", "team_id", "pulse_date", "driver", "scale", "score"],
    )
    deliveries = frame(
        sa.select(
            PulseDelivery.employee_id,
            PulseDelivery.team_id,
            PulseDelivery.pulse_date,
            PulseDelivery.status,
            PulseResponse.id,
        ).outerjoin(PulseResponse, PulseResponse.delivery_id == PulseDelivery.id),
        ["employee_id", "team_id", "pulse_date", "status", "response_id"],
    )
    deliveries["answered"] = deliveries["response_id"].notna()
    deliveries["counted"] = (deliveries["status"] == "sent") | deliveries["answered"]
    ratings = frame(
        sa.select(Rating.team_id, Rating.rated_at, Rating.kind, Rating.score, Rating.satisfied),
        ["team_id", "rated_at", "kind", "score", "satisfied"],
    )
    given = frame(sa.select(Kudos.giver_team_id, Kudos.created_at), ["team_id", "created_at"])
    received = frame(
        sa.select(KudosRecipient.team_id, Kudos.created_at).join(Kudos), ["team_id", "created_at"]
    )
    return responses, deliveries, ratings, given, received


def ticket_frame() -> pd.DataFrame:
    rows = db.session.execute(
        sa.select(TicketOutcome.team_id, TicketOutcome.solved_at, TicketOutcome.first_contact_resolved)
    ).all()
    return pd.DataFrame(rows, columns=["team_id", "solved_at", "first_contact_resolved"])


def assert_rollups_match_raw():
    for granularity in ("day", "week", "month"):
        ancestors = ancestor_chains(team_parents())
        expected = stats_from_raw(*raw_frames(), granularity, ancestors, tickets=ticket_frame())
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
        rate(
            emea,
            datetime(2026, 2, 1, 23, 30) + pd.Timedelta(days=offset),
            satisfied=offset % 2 == 0,
            commit=False,
        )
        rate(
            support,
            datetime(2026, 2, 2, 0, 15) + pd.Timedelta(days=offset),
            kind="nps",
            score=float(offset % 11) * 10,
            satisfied=offset % 11 >= 9,
            commit=False,
        )
        rate(None, datetime(2026, 2, 3) + pd.Timedelta(days=offset), commit=False)
        # Sales' own rating on Sales EMEA's day: its figures add a team's own rows to its sub-team's
        rate(
            sales,
            datetime(2026, 2, 1, 10) + pd.Timedelta(days=offset),
            satisfied=offset % 3 == 0,
            commit=False,
        )
        give_kudos(
            team_people[emea.id][0],
            [team_people[sales.id][1], team_people[support.id][2]],
            datetime(2026, 2, 1, 9) + pd.Timedelta(days=offset),
            commit=False,
        )
    db.session.commit()
    record_ticket_outcomes(
        [
            TicketRow(
                "zendesk",
                f"t{offset}-{i}",
                datetime(2026, 2, 1, 22) + pd.Timedelta(days=offset, hours=i),
                (offset + i) % 3 != 0,
                team=("Sales EMEA", "Support", "Sales")[i],
            )
            for offset in range(0, 40, 3)
            for i in range(3)
        ]
    )
    return sales, emea, support, team_people


def test_full_rebuild_equals_a_computation_from_raw_rows(make_team, people, answer, send, rate, give_kudos):
    build_org(make_team, people, answer, send, rate, give_kudos)
    counts = rollups.refresh()
    assert counts["rows"] > 0
    week = rollup_frame("week")
    assert set(week["metric"]) == {
        "engagement",
        "driver:recognition",
        "driver:growth",
        "enps",
        "participation",
        "csat",
        "nps",
        "fcr",
        "kudos_given",
        "kudos_received",
    }
    assert_rollups_match_raw()


def stat_rows() -> dict[tuple, tuple]:
    """Each rollup row by its key: (id, figures); a recomputed row gets a new id."""
    stat = TeamPeriodStat
    return {
        (r.team_id, r.granularity, r.period_start, r.metric): (
            r.id,
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


def test_refresh_is_idempotent(make_team, people, answer, send, rate, give_kudos):
    build_org(make_team, people, answer, send, rate, give_kudos)
    rollups.refresh()
    before = {key: value[1:] for key, value in stat_rows().items()}
    rollups.refresh()
    rollups.refresh(full=True)
    assert {key: value[1:] for key, value in stat_rows().items()} == before


def test_a_new_answer_recomputes_only_its_periods(make_team, people, answer, send, rate, give_kudos, app):
    sales, emea, support, team_people = build_org(make_team, people, answer, send, rate, give_kudos)
    rollups.refresh()
    before = stat_rows()
    mark = datetime.now(UTC).replace(tzinfo=None)

    answer(team_people[emea.id][0], WEDNESDAY, 5, driver="growth")
    counts = rollups.refresh(since=mark)

    after = stat_rows()
    assert counts["periods"] == 3
    touched_periods = {("day", WEDNESDAY), ("week", date(2026, 3, 2)), ("month", date(2026, 3, 1))}
    touched_teams = {emea.id, sales.id, None}
    changed = {key for key in after if before.get(key) != after[key]}
    assert changed
    assert all(key[0] in touched_teams and (key[1], key[2]) in touched_periods for key in changed)
    assert ("week", date(2026, 3, 2)) in {(k[1], k[2]) for k in changed if k[0] == emea.id}
    untouched = [key for key in before if key[0] == support.id or (key[1], key[2]) not in touched_periods]
    assert untouched and all(after[key] == before[key] for key in untouched)
    assert_rollups_match_raw()


def test_watermark_refresh_picks_up_ratings_and_kudos(make_team, people, rate, give_kudos, answer):
    support = make_team("Support")
    alice, bob = people(support, 2)
    answer(alice, date(2026, 1, 5), 4)
    assert rollups.refresh()["periods"] == -1  # first run: full rebuild
    rate(support, datetime(2026, 1, 6, 8), satisfied=False)
    give_kudos(alice, [bob], datetime.now(UTC).replace(tzinfo=None))  # kudos are dated when given
    assert rollups.refresh()["periods"] > 0
    assert_rollups_match_raw()
    week = rollup_frame("week").set_index(["scope", "metric"])
    assert week.loc[(support.id, "csat"), "n"] == 1
    assert week.loc[(support.id, "kudos_received"), "n"] == 1


def test_moving_a_team_rebuilds_everything(make_team, people, answer, send, rate, give_kudos):
    sales, emea, support, _ = build_org(make_team, people, answer, send, rate, give_kudos)
    rollups.refresh()
    emea.parent = support
    db.session.commit()
    assert rollups.refresh()["periods"] == -1
    assert_rollups_match_raw()
    week = rollup_frame("week")
    assert set(week[week["metric"] == "csat"]["scope"]) == {ORG_SCOPE, sales.id, emea.id, support.id}
    own = db.session.scalar(
        sa.select(sa.func.count()).where(Rating.team_id == sales.id, Rating.kind == "csat")
    )
    assert week[(week["metric"] == "csat") & (week["scope"] == sales.id)]["n"].sum() == own  # EMEA's left


def test_refresh_stats_command(runner, make_team, people, answer):
    alice = people(make_team("Support"), 1)[0]
    answer(alice, date(2026, 1, 5), 4)
    result = runner.invoke(args=["engage", "refresh-stats", "--full"])
    assert result.exit_code == 0, result.output
    assert "rollups refreshed" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TeamPeriodStat)) > 0
    assert runner.invoke(args=["engage", "refresh-stats"]).exit_code == 0
    assert_rollups_match_raw()


def test_a_new_team_does_not_rebuild_but_a_deleted_one_does(make_team, people, answer):
    support = make_team("Support")
    answer(people(support, 1)[0], date(2026, 1, 5), 4)
    rollups.refresh()
    tier2 = make_team("Tier 2", parent=support)
    answer(people(tier2, 1)[0], date(2026, 1, 6), 2)
    assert rollups.refresh()["periods"] >= 0
    assert_rollups_match_raw()
    db.session.delete(tier2)
    db.session.commit()
    assert rollups.refresh()["periods"] == -1
    assert_rollups_match_raw()


def figures() -> dict[tuple, tuple]:
    return {key: value[1:] for key, value in stat_rows().items()}


def test_incremental_refresh_equals_a_full_rebuild_after_a_mix_of_changes(
    make_team, people, answer, send, rate, give_kudos
):
    sales, emea, support, team_people = build_org(make_team, people, answer, send, rate, give_kudos)
    import_ratings(
        [
            (
                1,
                {
                    "source": "zendesk",
                    "external_id": "z1",
                    "rated_at": "2026-02-10T09:00:00Z",
                    "kind": "csat",
                    "value": "5",
                    "team": "Support",
                },
            )
        ]
    )
    rollups.refresh()
    mark = datetime.now(UTC).replace(tzinfo=None)

    late = team_people[emea.id][1]
    answer(late, date(2026, 2, 20), 2, driver="growth")  # a new answer in an old week
    changed = db.session.scalars(sa.select(PulseResponse).where(PulseResponse.team_id == support.id)).first()
    changed.score = 5 if changed.score != 5 else 4
    send(team_people[sales.id][0], date(2026, 3, 9), driver="growth")  # a new unanswered delivery
    rate(support, datetime(2026, 1, 30, 16), kind="nps", score=100.0)
    give_kudos(team_people[support.id][0], [late], datetime.now(UTC).replace(tzinfo=None))
    # Re-imported: the rating moves to another team and month, leaving nothing behind where it was.
    import_ratings(
        [
            (
                1,
                {
                    "source": "zendesk",
                    "external_id": "z1",
                    "rated_at": "2026-03-02T09:00:00Z",
                    "kind": "csat",
                    "value": "1",
                    "team": "Sales EMEA",
                },
            )
        ]
    )
    # A ticket reopened and solved again later by another team; another's outcome corrected; a new one.
    record_ticket_outcomes(
        [
            TicketRow("zendesk", "t0-0", datetime(2026, 3, 10, 9), False, team="Support"),
            TicketRow("zendesk", "t3-1", datetime(2026, 2, 5, 0), True, team="Support"),
            TicketRow("zendesk", "late", datetime(2026, 1, 20, 12), True, team="Sales EMEA"),
        ]
    )
    db.session.commit()

    counts = rollups.refresh(since=mark)
    assert counts["periods"] > 0
    incremental = figures()
    assert (None, "month", date(2026, 1, 1), "fcr") in incremental  # the new ticket's month
    assert rollups.refresh(full=True)["periods"] == -1
    assert figures() == incremental
    assert_rollups_match_raw()


def test_a_refresh_with_nothing_new_recomputes_nothing(make_team, people, answer):
    answer(people(make_team("Support"), 1)[0], date(2026, 1, 5), 4)
    rollups.refresh()
    before = stat_rows()
    assert rollups.refresh(since=datetime.now(UTC).replace(tzinfo=None)) == {"periods": 0, "rows": 0}
    assert stat_rows() == before


def test_a_rating_recomputes_only_the_rating_figures(make_team, people, answer, send, rate, give_kudos):
    sales, emea, support, _ = build_org(make_team, people, answer, send, rate, give_kudos)
    rollups.refresh()
    before = stat_rows()
    mark = datetime.now(UTC).replace(tzinfo=None)

    rate(support, datetime(2026, 2, 4, 12), satisfied=True)
    rollups.refresh(since=mark)

    after = stat_rows()
    recomputed = {key for key in after if key not in before or before[key][0] != after[key][0]}
    assert {key[3] for key in recomputed} <= {"csat", "nps"}
    assert (support.id, "week", date(2026, 2, 2), "csat") in recomputed
    assert after[(support.id, "week", date(2026, 2, 2), "csat")][1] == 1  # its first CSAT rating
    assert any(key[3] == "nps" and key[0] == support.id for key in recomputed)
    assert_rollups_match_raw()


def test_a_ticket_outcome_recomputes_only_the_fcr_figures(make_team, people, answer, send, rate, give_kudos):
    sales, emea, support, _ = build_org(make_team, people, answer, send, rate, give_kudos)
    rollups.refresh()
    before = stat_rows()
    mark = datetime.now(UTC).replace(tzinfo=None)

    record_ticket_outcomes([TicketRow("freshdesk", "f1", datetime(2026, 2, 4, 12), False, team="Support")])
    rollups.refresh(since=mark)

    after = stat_rows()
    recomputed = {key for key in after if key not in before or before[key][0] != after[key][0]}
    assert recomputed and {key[3] for key in recomputed} == {"fcr"}
    week = (support.id, "week", date(2026, 2, 2), "fcr")
    assert after[week][1] == before[week][1] + 1 and after[week][5] == before[week][5]  # n, resolved
    assert_rollups_match_raw()


def slice_rows() -> dict[tuple, tuple]:
    """Each organisation slice row by its key: (id, respondents); a recomputed row gets a new id."""
    part = OrgSliceStat
    return {
        (r.slice, r.granularity, r.period_start, r.metric): (r.id, r.respondents)
        for r in db.session.scalars(sa.select(part))
    }


def test_a_person_answering_in_two_teams_in_a_week_is_one_respondent_of_the_organisation(
    make_team, people, answer
):
    sales, support = make_team("Sales"), make_team("Support")
    mover, stayer = people(sales, 1)[0], people(support, 1)[0]
    answer(mover, WEDNESDAY, 4)
    answer(stayer, WEDNESDAY, 2)
    rollups.refresh()
    mark = datetime.now(UTC).replace(tzinfo=None)

    mover.team_id = support.id  # moved on Thursday, and answered again in the new team
    answer(mover, date(2026, 3, 5), 5)
    rollups.refresh(since=mark)

    org = db.session.scalars(
        sa.select(TeamPeriodStat).where(
            TeamPeriodStat.team_id.is_(None),
            TeamPeriodStat.granularity == "week",
            TeamPeriodStat.metric == "engagement",
        )
    ).one()
    assert (org.n, org.respondents) == (3, 2)  # not 3: the mover counts once, though in two teams
    assert_rollups_match_raw()


def test_a_new_answer_recomputes_only_its_persons_slice_of_the_organisation(make_team, people, answer):
    support = make_team("Support")
    first = people(support, 1)[0]
    while True:  # someone in another slice of the people
        other = people(support, 1)[0]
        if slice_of(other.id) != slice_of(first.id):
            break
    answer(first, WEDNESDAY, 4)
    answer(other, WEDNESDAY, 2)
    rollups.refresh()
    before = slice_rows()
    mark = datetime.now(UTC).replace(tzinfo=None)

    answer(first, WEDNESDAY, 5, driver="growth")
    rollups.refresh(since=mark)

    after = slice_rows()
    changed = {key[0] for key in after if before.get(key) != after[key]}
    assert changed == {slice_of(first.id)}
    assert_rollups_match_raw()


def slice_figures() -> dict[tuple, tuple]:
    part = OrgSliceStat
    values = [part.n, part.total, part.respondents, part.sent, part.promoters, part.detractors, part.answered]
    rows = db.session.execute(
        sa.select(part.slice, part.granularity, part.period_start, part.metric, *values)
    )
    return {tuple(row[:4]): tuple(row[4:]) for row in rows}


def test_incremental_refresh_equals_a_full_rebuild_after_answers_in_several_teams_and_slices(
    make_team, people, answer, send
):
    sales = make_team("Sales")
    emea, apac = make_team("Sales EMEA", parent=sales), make_team("Sales APAC", parent=sales)
    support = make_team("Support")
    early = {team.id: people(team, 3) for team in (emea, apac, support)}
    people(support, SLICE_PEOPLE)  # the next people are in another slice
    late = people(apac, 3)
    assert slice_of(late[0].id) != slice_of(early[emea.id][0].id)
    everyone = [person for members in early.values() for person in members] + late
    for offset in range(0, 35, 4):
        for i, person in enumerate(everyone):
            answer(person, date(2026, 2, 2) + pd.Timedelta(days=offset), 1 + (i + offset) % 5, commit=False)
    db.session.commit()
    rollups.refresh()
    mark = datetime.now(UTC).replace(tzinfo=None)

    for i, person in enumerate([early[emea.id][0], early[support.id][1], late[1]]):
        answer(person, date(2026, 3, 4), 1 + i, driver="growth")
        answer(person, date(2026, 3, 4), 9 - i, driver="enps")
    changed = db.session.scalars(
        sa.select(PulseResponse).where(PulseResponse.employee_id == late[2].id)
    ).first()
    changed.score = 5 if changed.score != 5 else 1  # an answer of an earlier week changed
    mover = early[apac.id][0]
    mover.team_id = support.id
    answer(mover, date(2026, 3, 5), 2)
    send(early[emea.id][2], date(2026, 3, 5))  # delivered, not answered
    db.session.commit()

    assert rollups.refresh(since=mark)["periods"] > 0
    incremental, incremental_slices = figures(), slice_figures()
    rollups.refresh(full=True)
    assert figures() == incremental
    assert slice_figures() == incremental_slices
    assert_rollups_match_raw()
