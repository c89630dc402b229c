import threading
from datetime import datetime, timedelta

import sqlalchemy as sa

from engage.digests.cycle import run_digest_cycle
from engage.digests.sending import digest_metadata
from engage.extensions import db
from engage.insights import rollups
from engage.models import DigestDelivery
from engage.models.base import utcnow
from engage.pulses.sending import LEASE, claim
from tests.digests.conftest import LAST_WEEK, MONDAY, WEEK_BEFORE

MONDAY_10 = datetime(2026, 11, 23, 10, 0)  # UTC, the company's zone in these tests


def digests() -> list[DigestDelivery]:
    return list(db.session.scalars(sa.select(DigestDelivery).order_by(DigestDelivery.id)))


def dm_text(fake_slack, user_id: str) -> str:
    posts = [c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == user_id]
    assert len(posts) == 1, f"{len(posts)} digests to {user_id}"
    blocks = posts[0].params["blocks"]
    return "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")


def section(text: str, team: str) -> str:
    """The lines of one team's part of a digest."""
    return next(part for part in text.split("\n*") if team in part.split("\n")[0].strip("*"))


def test_one_digest_at_the_pulse_hour_in_the_managers_zone_even_from_two_schedulers(
    app, make_employee, team_of, answer, digest_cycle, fake_slack
):
    manager = make_employee(timezone="America/New_York")
    _, people = team_of("Support", 5, manager)
    for person in people:
        answer(person, LAST_WEEK, 4)
    rollups.refresh(full=True)

    digest_cycle(datetime(2026, 11, 23, 14, 59))  # 9:59 in New York
    assert digests() == [] and fake_slack.calls_to("chat.postMessage") == []

    at_ten, errors = datetime(2026, 11, 23, 15, 0), []

    def scheduler():
        try:
            with app.app_context():
                run_digest_cycle(app, at_ten)
                db.session.remove()
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    digest_cycle(at_ten + timedelta(minutes=1))
    digest_cycle(datetime(2026, 11, 24, 15, 0))  # Tuesday: nothing new

    assert errors == []
    [row] = digests()
    assert (row.employee_id, row.kind, row.digest_date, row.status) == (manager.id, "teams", MONDAY, "sent")
    assert "Support" in dm_text(fake_slack, manager.slack_user_id)


def test_figures_and_changes_with_small_teams_withheld(
    make_employee, team_of, answer, rate, give_kudos, account, digest_cycle, fake_slack
):
    manager = make_employee()
    support, people = team_of("Support", 6, manager)
    tiny, few = team_of("Tiny", 3, manager)
    _, elsewhere = team_of("Elsewhere", 2, make_employee())  # with Tiny, 5 the organisation's rest
    for person in people:
        answer(person, WEEK_BEFORE, 3)
        answer(person, LAST_WEEK, 4)
    for person in few + elsewhere:
        answer(person, WEEK_BEFORE, 1)
        answer(person, LAST_WEEK, 2)
    for satisfied in (True, True, True, False):
        rate(support, LAST_WEEK, satisfied=satisfied)
    rate(support, WEEK_BEFORE, satisfied=True)
    rate(support, WEEK_BEFORE, satisfied=False)
    saved = give_kudos(people[0], people[1:3], datetime.combine(LAST_WEEK, datetime.min.time()))
    saved.account_id = account.id
    give_kudos(few[0], [people[0]], datetime.combine(LAST_WEEK, datetime.min.time()))
    db.session.commit()
    rollups.refresh(full=True)

    digest_cycle(MONDAY_10)

    text = dm_text(fake_slack, manager.slack_user_id)
    shown, withheld = section(text, "Support"), section(text, "Tiny")
    assert "Engagement: 75.0 (+25.0 on the week before)" in shown
    assert "Response rate: 100.0% (+0.0 on the week before)" in shown
    assert "CSAT: 75.0% satisfied (+25.0 on the week before), 4 ratings" in shown
    assert "Kudos: 1 given, 3 received · Account saves: 1" in shown
    assert "<https://engage.example.com/dashboard/teams/" in shown
    assert "Engagement: withheld (fewer than 5 people answered)" in withheld
    assert "Response rate: withheld" in withheld
    assert "25.0" not in withheld and "+25.0" not in withheld
    assert "Kudos: 1 given, 0 received" in withheld  # counts of kudos are never withheld


def test_a_team_that_would_reveal_a_smaller_group_is_withheld_as_on_the_dashboard(
    make_employee, team_of, answer, digest_cycle, fake_slack
):
    manager = make_employee()
    _, people = team_of("Support", 6, manager)
    _, few = team_of("Tiny", 3, manager)
    for person in people + few:
        answer(person, LAST_WEEK, 4)
    rollups.refresh(full=True)

    digest_cycle(MONDAY_10)

    text = dm_text(fake_slack, manager.slack_user_id)
    assert "Engagement: withheld (showing it would reveal a smaller group)" in section(text, "Support")
    assert "75.0" not in text


def test_comments_count_only_for_groups_at_the_comment_threshold(
    make_employee, team_of, answer, digest_cycle, fake_slack
):
    manager = make_employee()
    _, six = team_of("Six", 6, manager)
    _, five = team_of("Five", 5, manager)
    _, elsewhere = team_of("Elsewhere", 5, make_employee())  # with Five, 10 the organisation's rest
    for person in six + five + elsewhere:
        answer(person, LAST_WEEK, 4, comment="More focus time please")
    rollups.refresh(full=True)

    digest_cycle(MONDAY_10)

    text = dm_text(fake_slack, manager.slack_user_id)
    assert "Comments: 6 in Nov 2026 (<https://engage.example.com/dashboard/comments?" in section(text, "Six")
    five_people = section(text, "Five")
    assert "Engagement: 75.0" in five_people  # figures need 5 people, comments 6
    assert "Comments: held back for Nov 2026 (fewer than 6 people answered)" in five_people


def test_drivers_that_moved_most_over_four_weeks(make_employee, team_of, answer, digest_cycle, fake_slack):
    manager = make_employee()
    _, people = team_of("Support", 5, manager)
    for person in people:
        answer(person, LAST_WEEK - timedelta(weeks=5), 2, driver="growth")
        answer(person, LAST_WEEK, 5, driver="growth")
        answer(person, LAST_WEEK - timedelta(weeks=5), 4, driver="workload")
        answer(person, LAST_WEEK - timedelta(weeks=1), 3, driver="workload")
    rollups.refresh(full=True)

    digest_cycle(MONDAY_10)

    assert "moved most (last 4 weeks): Growth +75.0 (now 100.0), Workload -25.0 (now 50.0)" in dm_text(
        fake_slack, manager.slack_user_id
    )


def test_organisation_digest_for_hr_who_turned_it_on(
    make_employee, make_user, team_of, answer, digest_cycle, fake_slack
):
    manager = make_employee()
    hr_person = make_employee()
    make_user("hr", employee=hr_person)
    _, people = team_of("Support", 5, manager)
    for person in people:
        answer(person, LAST_WEEK, 4)
    rollups.refresh(full=True)
    digest_cycle(MONDAY_10)
    assert [r.kind for r in digests()] == ["teams"]

    from engage.digests.preferences import set_digest

    set_digest(hr_person, True)
    digest_cycle(MONDAY_10 + timedelta(weeks=1))

    text = dm_text(fake_slack, hr_person.slack_user_id)
    assert "*<https://engage.example.com/dashboard/|Whole organisation>*" in text


def test_a_digest_posted_before_its_sender_stopped_is_recorded_not_sent_twice(
    make_employee, team_of, answer, digest_cycle, slack_clock
):
    manager = make_employee()
    _, people = team_of("Support", 5, manager)
    digest_cycle(MONDAY_10 - timedelta(minutes=1))  # nothing due yet
    from engage.digests.scheduling import schedule_digests

    schedule_digests(MONDAY_10)
    [row] = digests()
    assert claim(MONDAY_10, "stopped-sender", rows=DigestDelivery) == [row.id]
    posted = slack_clock.next_ts()
    slack_clock.store_message(
        manager.slack_user_id, {"type": "message", "ts": posted, "metadata": digest_metadata(row.id)}
    )

    digest_cycle(MONDAY_10 + LEASE + timedelta(seconds=1))

    [row] = digests()
    assert (row.status, row.slack_ts) == ("sent", posted)
    assert slack_clock.calls_to("chat.postMessage") == []


def test_an_outage_is_retried_later_and_sends_once(make_employee, team_of, digest_cycle, fake_slack):
    manager = make_employee()
    team_of("Support", 5, manager)
    fake_slack.fail_next("chat.postMessage", status=500)
    digest_cycle(MONDAY_10)
    [row] = digests()
    assert (row.status, row.attempts) == ("pending", 1)

    digest_cycle(MONDAY_10 + timedelta(minutes=5))

    [row] = digests()
    assert row.status == "sent"
    assert len(fake_slack.calls_to("chat.postMessage")) == 2
    assert len(fake_slack.history(manager.slack_user_id)) == 1


def test_no_digest_for_people_without_reports_or_after_their_day(
    make_employee, team_of, digest_cycle, fake_slack
):
    loner = make_employee()
    manager = make_employee()
    team_of("Support", 5, manager)
    digest_cycle(datetime(2026, 11, 24, 10, 0))  # Tuesday
    assert digests() == []
    digest_cycle(MONDAY_10)
    assert [r.employee_id for r in digests()] == [manager.id] and loner.id != manager.id


def test_the_scheduler_job_sends_digests_as_the_leader(app, make_employee, team_of, fake_slack):
    from engage.pulses.jobs import digest_job
    from engage.pulses.leader import LeaderLock

    manager = make_employee(timezone="UTC")
    team_of("Support", 5, manager)
    app.config["DIGEST_WEEKDAY"] = utcnow().weekday()
    app.config["PULSE_LOCAL_HOUR"] = 0
    lock = LeaderLock(db.engine)

    digest_job(app, lock)
    lock.release()

    assert [c.params["channel"] for c in fake_slack.calls_to("chat.postMessage")] == [manager.slack_user_id]
