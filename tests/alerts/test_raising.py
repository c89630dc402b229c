"""The alerts job end to end: rollups in, alerts recorded, Slack DMs and channel posts out, flags shown."""

from datetime import date, timedelta

import sqlalchemy as sa

from engage.alerts.raising import judged_week, raise_alerts
from engage.extensions import db
from engage.models import OutgoingMessage, TeamAlert
from engage.models.base import utcnow
from engage.outbox.sending import send_due
from engage.pulses.jobs import JOBS
from engage.pulses.leader import LeaderLock
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.slack_client import sender_client
from tests.alerts.conftest import ALERTS_CHANNEL, LastWeek, refresh

BOTH_FALL = LastWeek(score=2, satisfied=0.3)


def alerts() -> list[TeamAlert]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(TeamAlert).order_by(TeamAlert.id)))


def queued() -> list[OutgoingMessage]:
    return list(db.session.scalars(sa.select(OutgoingMessage).order_by(OutgoingMessage.id)))


def test_engagement_and_csat_both_falling_alert_the_manager_hr_and_the_channel(
    app, build_team, make_employee, make_user, now, fake_slack
):
    support = build_team("Support", 10, BOTH_FALL)
    build_team("Sales", 10, LastWeek())
    hr_person = make_employee(slack_user_id="UHR1")
    make_user("hr", employee=hr_person)
    refresh()

    raise_alerts(now)

    [alert] = alerts()
    assert (alert.team_id, alert.kind) == (support.team.id, "engagement_csat")
    assert alert.summary.startswith("engagement and CSAT both fell beyond their usual week-to-week noise")
    assert "engagement 25 (usually " in alert.summary and "CSAT 30% satisfied" in alert.summary
    assert [m.channel for m in queued()] == [support.lead.slack_user_id, "UHR1", ALERTS_CHANNEL]
    send_due(utcnow(), sender_client(app), RateLimiter(1000))
    posts = fake_slack.calls_to("chat.postMessage")
    assert [p.params["channel"] for p in posts] == [support.lead.slack_user_id, "UHR1", ALERTS_CHANNEL]
    assert all(p.params["text"].startswith(":warning: *Support*: engagement and CSAT") for p in posts)


def test_one_of_the_two_falling_alone_raises_nothing(build_team, now):
    build_team("Support", 10, LastWeek(score=2))
    build_team("Sales", 10, LastWeek(satisfied=0.3))
    refresh()
    assert raise_alerts(now) == [] and alerts() == []


def test_a_team_under_the_anonymity_threshold_never_alerts(build_team, now):
    build_team("Tiny", 4, BOTH_FALL)  # 4 respondents: every engagement and participation figure withheld
    refresh()
    assert raise_alerts(now) == [] and alerts() == []


def test_a_sharp_participation_drop_alerts(build_team, now):
    support = build_team("Support", 10, LastWeek(answering=5))
    refresh()
    raise_alerts(now)
    [alert] = alerts()
    assert (alert.team_id, alert.kind) == (support.team.id, "participation")
    assert "participation 50% (usually 100%" in alert.summary


def test_a_participation_drop_to_under_the_threshold_is_not_shown_so_not_alerted(build_team, now):
    build_team("Support", 10, LastWeek(answering=4))
    refresh()
    assert raise_alerts(now) == []


def test_a_team_is_alerted_at_most_once_in_two_weeks(build_team, now):
    support = build_team("Support", 10, BOTH_FALL)
    refresh()
    week = judged_week(now.date())
    earlier = TeamAlert(
        team_id=support.team.id,
        kind="engagement_csat",
        week_start=week - timedelta(weeks=1),
        summary="earlier",
        created_at=now - timedelta(days=8),
    )
    db.session.add(earlier)
    db.session.commit()
    assert raise_alerts(now) == []  # an alert a week ago: still quiet

    earlier.week_start, earlier.created_at = week - timedelta(weeks=2), now - timedelta(days=14, hours=1)
    db.session.commit()
    assert len(raise_alerts(now)) == 1  # two weeks on: alerted again
    assert raise_alerts(now + timedelta(hours=1)) == []  # and once only
    assert [m.channel for m in queued()] == ["UsupportL", ALERTS_CHANNEL]


def test_the_dashboard_flags_an_alert_to_those_who_may_see_the_team(
    client, build_team, make_user, login, now
):
    support = build_team("Support", 10, BOTH_FALL)
    sales = build_team("Sales", 10, LastWeek())
    refresh()
    raise_alerts(now)

    login(make_user("manager", employee=support.lead))
    assert "engagement and CSAT both fell" in client.get(f"/dashboard/teams/{support.team.id}").get_data(
        as_text=True
    )
    assert 'id="team-alerts"' in client.get("/dashboard/").get_data(as_text=True)
    client.post("/logout")
    login(make_user("manager", employee=sales.lead))
    assert 'id="team-alerts"' not in client.get("/dashboard/").get_data(as_text=True)
    client.post("/logout")
    login(make_user("hr"))
    assert "engagement and CSAT both fell" in client.get("/dashboard/").get_data(as_text=True)


def test_the_scheduler_jobs_raise_and_send_alerts(app, build_team, fake_slack):
    support = build_team("Support", 10, BOTH_FALL)
    refresh()
    jobs = {job.id: job for job in JOBS}
    lock = LeaderLock(db.engine)
    jobs["team-alerts"].func(app, lock)
    jobs["outgoing"].func(app, lock)
    channels = [p.params["channel"] for p in fake_slack.calls_to("chat.postMessage")]
    assert channels == [support.lead.slack_user_id, ALERTS_CHANNEL]


def test_a_week_is_judged_from_the_wednesday_after_it_ends():
    assert judged_week(date(2026, 3, 10)) == date(2026, 2, 23)  # Tuesday: late data may still come in
    assert judged_week(date(2026, 3, 11)) == date(2026, 3, 2)  # Wednesday: last week
