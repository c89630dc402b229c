"""The daily praise DMs through the fake Slack Web API: who gets what, once a day, and only when on."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.models import PraiseDelivery
from engage.pulses.sending import LEASE, claim
from tests.praise.conftest import MONDAY_10, SUNDAY_15, dms, section_texts


def deliveries() -> list[PraiseDelivery]:
    return list(db.session.scalars(sa.select(PraiseDelivery).order_by(PraiseDelivery.id)))


def test_the_manager_gets_their_reports_praise_and_each_agent_their_own(
    people, praise_on, rated, praise_cycle, fake_slack
):
    manager, ana, ben = people
    rated("ana@example.com", "Ana sorted my refund in one call", account="Acme Corp")
    rated("ana@example.com", "Great help but the app is slow")  # a problem word: not praise
    rated("ben@example.com", "Ben was wonderful", at=SUNDAY_15 + timedelta(hours=1))
    rated("ben@example.com", "Ben was quick", satisfied=False)  # not satisfied: not praise
    rated("nobody@example.com", "Lovely")  # no agent of ours

    praise_cycle(MONDAY_10)

    [to_manager] = dms(fake_slack, "UMANAGER")
    texts = section_texts(to_manager)
    assert to_manager["text"] == "Customers praised your team: 2 comments"
    assert texts[1] == "<@UBEN>\n> A customer wrote: “Ben was wonderful”"  # newest first
    assert texts[2] == "<@UANA> · Acme Corp\n> A customer wrote: “Ana sorted my refund in one call”"
    [to_ana] = dms(fake_slack, "UANA")
    assert section_texts(to_ana)[1:] == ["> “Ana sorted my refund in one call”"]
    assert "slow" not in str(to_ana) and "Ben" not in str(to_ana)
    [to_ben] = dms(fake_slack, "UBEN")
    assert section_texts(to_ben)[1:] == ["> “Ben was wonderful”"]
    assert {(row.kind, row.status) for row in deliveries()} == {("manager", "sent"), ("agent", "sent")}


def test_nothing_is_sent_while_the_setting_is_off(people, rated, praise_cycle, fake_slack):
    rated("ana@example.com", "Ana sorted my refund in one call")

    praise_cycle(MONDAY_10)  # off by default

    assert fake_slack.calls_to("chat.postMessage") == [] and deliveries() == []


def test_before_the_pulse_hour_nothing_is_sent(people, praise_on, rated, praise_cycle, fake_slack):
    rated("ana@example.com", "Ana sorted my refund in one call")

    praise_cycle(MONDAY_10 - timedelta(minutes=1))

    assert fake_slack.calls_to("chat.postMessage") == []


def test_never_more_than_one_dm_per_manager_a_day_and_the_next_day_lists_only_what_is_new(
    people, praise_on, rated, praise_cycle, fake_slack
):
    rated("ana@example.com", "Ana sorted my refund in one call")
    praise_cycle(MONDAY_10)
    rated("ben@example.com", "Ben was wonderful", at=MONDAY_10 + timedelta(hours=1))

    praise_cycle(MONDAY_10 + timedelta(hours=2))  # new praise the same day: it waits for tomorrow
    assert len(dms(fake_slack, "UMANAGER")) == 1

    praise_cycle(MONDAY_10 + timedelta(days=1))
    first, second = dms(fake_slack, "UMANAGER")
    assert "Ben" not in str(first) and "Ana" not in str(second) and "Ben was wonderful" in str(second)
    praise_cycle(MONDAY_10 + timedelta(days=1, minutes=5))
    assert len(dms(fake_slack, "UMANAGER")) == 2
    assert [row.praise_date.isoformat() for row in deliveries() if row.kind == "manager"] == [
        "2026-11-23",
        "2026-11-24",
    ]


def test_customers_markup_is_shown_as_text(people, praise_on, rated, praise_cycle, fake_slack):
    rated("ana@example.com", "Thanks <!channel> & <https://evil.example|click> Ana!")

    praise_cycle(MONDAY_10)

    [to_ana] = dms(fake_slack, "UANA")
    escaped = "> “Thanks &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; Ana!”"
    assert escaped in section_texts(to_ana)


def test_a_sender_that_stopped_after_posting_records_the_dm_instead_of_posting_again(
    people, praise_on, rated, praise_cycle, fake_slack
):
    manager, ana, _ = people
    rated("ana@example.com", "Ana sorted my refund in one call")
    praise_cycle(MONDAY_10)
    row = next(r for r in deliveries() if r.kind == "manager")
    row.status, row.slack_ts, row.attempts = "pending", None, 0
    db.session.commit()
    claim(MONDAY_10, "a-sender-that-died", rows=PraiseDelivery)  # its lease expires unrecorded

    praise_cycle(MONDAY_10 + LEASE + timedelta(seconds=1))

    assert len(dms(fake_slack, "UMANAGER")) == 1
    assert next(r for r in deliveries() if r.kind == "manager").status == "sent"


def test_old_praise_imported_late_is_never_sent(people, praise_on, rated, praise_cycle, fake_slack):
    rating = rated("ana@example.com", "Ana sorted my refund", at=MONDAY_10 - timedelta(days=30))
    rating.imported_at = MONDAY_10 - timedelta(minutes=5)
    db.session.commit()

    praise_cycle(MONDAY_10)

    assert fake_slack.calls_to("chat.postMessage") == []


def test_a_day_with_no_praise_writes_no_row(people, praise_on, praise_cycle, fake_slack):
    praise_cycle(datetime(2026, 11, 23, 12, 0))

    assert deliveries() == []
