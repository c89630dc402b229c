"""First-contact resolution from Zendesk's ticket metrics: the rule, pages, changes, failures, resuming."""

import json
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from engage.csat.mappings import add_mapping
from engage.extensions import db
from engage.models import TeamPeriodStat, TicketOutcome
from engage.models.base import utcnow
from engage.sources.pulling import pull
from tests.fake_zendesk import GENERATED_START
from tests.sources.conftest import refreshed

METRICS = "/api/v2/ticket_metrics"
SHOW_MANY = "/api/v2/tickets/show_many.json"
START = datetime(2026, 1, 1)  # GENERATED_START


def resolved_first_time(i: int) -> bool:
    return i % 5 != 0 and i % 7 != 0  # multiples of 5: two replies; of 7: reopened


@pytest.fixture
def desk_with_250_tickets(zendesk, make_team, make_employee):
    """250 tickets on 3 pages (250-151, 150-51, 50-1); multiples of 11 unsolved; odd ids in group 1
    (Support), even ones by an agent of Billing."""
    support, billing = make_team("Support"), make_team("Billing")
    make_employee(billing, email="agent7@example.com")
    add_mapping("zendesk", "Tier 1", support.id)
    zendesk.groups = {1: "Tier 1", 2: "Escalations"}
    zendesk.users = {7: "Agent7@Example.com"}
    for i in range(1, 251):
        zendesk.add_ticket(
            i,
            replies=2 if i % 5 == 0 else 1,
            reopens=1 if i % 7 == 0 else 0,
            solved=None if i % 11 == 0 else GENERATED_START + i,
            group_id=1 if i % 2 else 2,
            assignee_id=7,
            at=GENERATED_START + i,
        )
    return support, billing


@pytest.fixture
def outcomes():
    """The source's stored solved tickets, keyed by external_id (the Zendesk ticket id)."""

    def load(source: str = "zendesk") -> dict[str, TicketOutcome]:
        db.session.expire_all()
        rows = db.session.scalars(sa.select(TicketOutcome).where(TicketOutcome.source == source))
        return {t.external_id: t for t in rows}

    return load


SOLVED = [i for i in range(1, 251) if i % 11]


def test_one_reply_and_no_reopen_is_resolved_first_time_two_replies_or_a_reopen_are_not(
    add_zendesk, zendesk, desk_with_250_tickets, outcomes
):
    support, billing = desk_with_250_tickets
    source = add_zendesk()

    report = pull(source)

    assert report.finished and report.error is None
    stored = outcomes()
    assert sorted(map(int, stored)) == SOLVED  # 11, 22, ...: not solved, skipped
    assert {int(k): t.first_contact_resolved for k, t in stored.items()} == {
        i: resolved_first_time(i) for i in SOLVED
    }
    assert stored["1"].first_contact_resolved and not stored["5"].first_contact_resolved  # 2 replies
    assert not stored["7"].first_contact_resolved  # reopened
    assert stored["1"].team_id == support.id and stored["2"].team_id == billing.id
    assert stored["2"].agent_email == "agent7@example.com"
    assert stored["3"].solved_at == (START + timedelta(seconds=3))
    assert (report.tickets, report.tickets_created, report.tickets_updated) == (len(SOLVED), len(SOLVED), 0)
    assert "228 solved tickets pulled, 228 new, 0 updated" in report.describe()


def test_metrics_are_read_over_several_pages_and_tickets_fetched_at_most_100_at_a_time(
    add_zendesk, zendesk, desk_with_250_tickets
):
    pull(add_zendesk())

    pages = zendesk.calls_to(METRICS)
    assert [p.query.get("page[after]") for p in pages] == [None, "100", "200"]
    assert all(p.query["page[size]"] == "100" for p in pages)
    asked = [len(c.query["ids"].split(",")) for c in zendesk.calls_to(SHOW_MANY)]
    assert sum(asked) == len(SOLVED) and max(asked) <= 100


def test_a_ticket_reopened_after_import_is_updated_not_duplicated(
    add_zendesk, zendesk, desk_with_250_tickets, outcomes
):
    source = add_zendesk()
    pull(source)
    zendesk.change_ticket(1, at=GENERATED_START + 10_000, reopens=1, solved=GENERATED_START + 9_000)

    report = pull(refreshed(source))

    assert report.error is None and (report.tickets_created, report.tickets_updated) == (0, 1)
    stored = outcomes()
    assert len(stored) == len(SOLVED)
    assert not stored["1"].first_contact_resolved
    assert stored["1"].solved_at == START + timedelta(seconds=9_000)


def test_a_later_walk_stores_only_tickets_changed_since_the_walk_before_the_last(
    add_zendesk, zendesk, desk_with_250_tickets, outcomes
):
    source = add_zendesk()
    pull(source)
    pull(refreshed(source))  # keeps everything from the first day again: the first walk had no walk before
    zendesk.change_ticket(3, at=GENERATED_START + 10_000, replies=2)
    asked_before = len(zendesk.calls_to(SHOW_MANY))

    report = pull(refreshed(source))

    # Ticket 3, and 250: the newest update of the walk before comes again (unchanged), as with ratings.
    assert (report.tickets, report.tickets_updated) == (2, 1)
    assert [c.query["ids"] for c in zendesk.calls_to(SHOW_MANY)[asked_before:]] == ["250", "3"]
    assert not outcomes()["3"].first_contact_resolved


def test_a_ticket_changed_on_a_page_already_walked_is_caught_by_the_next_walk(
    add_zendesk, zendesk, desk_with_250_tickets, outcomes
):
    source = add_zendesk()
    pull(source)
    pull(refreshed(source))
    zendesk.change_ticket(1, at=GENERATED_START + 20_000, reopens=1)  # page 3, before the walk
    zendesk.fail_next(METRICS, 500, after=2)
    pull(refreshed(source))  # walks pages 1 and 2, then fails
    zendesk.change_ticket(249, at=GENERATED_START + 15_000, replies=3)  # page 1, behind the walk

    pull(refreshed(source))  # finishes the walk on page 3: the newest change seen is 20_000
    pull(refreshed(source))  # the next walk keeps changes from the walk before: ticket 1 too

    stored = outcomes()
    assert not stored["1"].first_contact_resolved and not stored["249"].first_contact_resolved


def test_a_pull_killed_on_page_3_resumes_there_without_gaps_or_duplicates(
    add_zendesk, zendesk, desk_with_250_tickets, outcomes
):
    source = add_zendesk()
    zendesk.fail_next(METRICS, 500, after=2)

    first = pull(source)

    assert first.error == f"the help desk answered HTTP 500 to GET {zendesk.url}{METRICS}"
    assert sorted(map(int, outcomes())) == [i for i in SOLVED if i > 50]
    source = refreshed(source)
    assert json.loads(source.cursor)["tickets"]["after"] == "200"
    assert source.failures == 1 and source.next_try_at > utcnow()

    second = pull(source)

    assert second.error is None and second.tickets_created == len([i for i in SOLVED if i <= 50])
    assert sorted(map(int, outcomes())) == SOLVED
    assert zendesk.calls_to(METRICS)[-1].query["page[after]"] == "200"  # page 3 again, not page 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TicketOutcome)) == len(SOLVED)


def test_a_long_429_and_a_401_on_tickets_go_through_the_pull_s_failure_handling(
    add_zendesk, zendesk, desk_with_250_tickets, outcomes
):
    source = add_zendesk()
    now = utcnow()
    zendesk.fail_next(METRICS, 429, retry_after=600, after=1)

    limited = pull(source, now)

    assert "rate limiting" in limited.error and len(outcomes()) == len([i for i in SOLVED if i > 150])
    assert refreshed(source).next_try_at == now + timedelta(seconds=600)
    zendesk.fail_next(SHOW_MANY, 401)

    refused = pull(refreshed(source), now)

    assert "refused the credentials" in refused.error and refreshed(source).failures == 1
    assert pull(refreshed(source)).error is None and sorted(map(int, outcomes())) == SOLVED


def test_a_ticket_without_a_team_is_counted_and_named_not_stored(add_zendesk, zendesk, make_team, outcomes):
    make_team("Support")
    zendesk.groups = {3: "Nights"}
    zendesk.add_ticket(1, group_id=3)
    source = add_zendesk()

    report = pull(source)

    assert report.error is None and report.unmapped == 1 and outcomes() == {}
    note = refreshed(source).unmapped_note
    assert "solved tickets: group 'Nights' of source 'zendesk' is not mapped" in note


def test_a_ticket_solved_before_the_first_day_is_not_imported(add_zendesk, zendesk, make_team, outcomes):
    support = make_team("Support")
    add_mapping("zendesk", "Tier 1", support.id)
    zendesk.groups = {1: "Tier 1"}
    zendesk.add_ticket(1, group_id=1, solved=GENERATED_START - 86_400, at=GENERATED_START + 60)
    zendesk.add_ticket(2, group_id=1, solved=GENERATED_START + 60, at=GENERATED_START + 60)

    pull(add_zendesk(since="2026-01-01"))

    assert list(outcomes()) == ["2"]


def test_after_refresh_stats_the_team_s_fcr_figure_counts_the_pulled_tickets(
    runner, add_zendesk, zendesk, desk_with_250_tickets
):
    support, billing = desk_with_250_tickets
    pull(add_zendesk())

    assert runner.invoke(args=["engage", "refresh-stats"]).exit_code == 0

    db.session.expire_all()
    figures = {
        (s.team_id, s.n, s.promoters)
        for s in db.session.scalars(
            sa.select(TeamPeriodStat).where(
                TeamPeriodStat.metric == "fcr",
                TeamPeriodStat.granularity == "month",
                TeamPeriodStat.period_start == date(2026, 1, 1),
            )
        )
    }
    odd = [i for i in SOLVED if i % 2]
    assert (support.id, len(odd), sum(map(resolved_first_time, odd))) in figures
    even = [i for i in SOLVED if not i % 2]
    assert (billing.id, len(even), sum(map(resolved_first_time, even))) in figures


def test_sources_list_and_the_sources_page_count_the_solved_tickets(
    runner, make_user, login, add_zendesk, zendesk, desk_with_250_tickets
):
    pull(add_zendesk())

    listed = runner.invoke(args=["engage", "sources", "list"])

    assert "228 solved tickets stored for first-contact resolution" in listed.output
    client = login(make_user("admin"))
    assert b"(228)" in client.get("/ratings/sources").data
