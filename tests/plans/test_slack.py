from datetime import date, datetime, timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.insights import rollups
from engage.models import ActionPlan
from engage.plans.cycle import run_plan_reviews
from engage.slack.blocks.plans import DONE_ACTION
from tests.plans.conftest import plan_form
from tests.slack_requests import block_action, interactive

START = date(2026, 10, 5)
REVIEW = date(2026, 11, 30)
REVIEW_10_PARIS = datetime(2026, 11, 30, 9, 0)  # UTC


def the_plan() -> ActionPlan:
    db.session.expire_all()
    return db.session.execute(sa.select(ActionPlan)).scalar_one()


def saved_plan(client, login, company, **fields) -> ActionPlan:
    login(company.manager_user)
    assert client.post("/plans/new", data=plan_form(company.team.id, **fields)).status_code == 302
    return the_plan()


def dms(fake_slack, user_id: str) -> list:
    return [c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == user_id]


def test_a_plan_is_announced_in_the_channel_chosen(client, login, company, fake_slack):
    plan = saved_plan(client, login, company, announce="y", announce_channel="C0TEAM01")

    [post] = fake_slack.calls_to("chat.postMessage")
    assert post.params["channel"] == "C0TEAM01"
    assert (
        "*Support* is working on *Recognition*: Weekly shout-outs in the team meeting" in post.params["text"]
    )
    assert plan.announced_ts is not None and plan.announce_error is None


def test_an_announcement_shows_the_managers_words_as_text(client, login, company, fake_slack):
    saved_plan(client, login, company, announce="y", announce_channel="C0TEAM01", action="<!channel> R&D <3")

    [post] = fake_slack.calls_to("chat.postMessage")
    assert "*Recognition*: &lt;!channel&gt; R&amp;D &lt;3" in post.params["text"]
    assert "<!channel>" not in post.params["text"]


def test_an_announcement_slack_refuses_keeps_the_plan_and_says_what_to_do(client, login, company, fake_slack):
    fake_slack.fail_next("chat.postMessage", status=200, error="not_in_channel")
    login(company.manager_user)
    response = client.post(
        "/plans/new",
        data=plan_form(company.team.id, announce="y", announce_channel="C0TEAM01"),
        follow_redirects=True,
    )
    assert "invite it (/invite @engage)" in response.get_data(as_text=True)
    plan = the_plan()
    assert (plan.announced_ts, plan.announce_error) == (None, "not_in_channel")


def test_review_reminder_once_on_the_review_date_with_the_comparison_so_far(
    app, client, login, company, answer, fake_slack
):
    for weeks in range(-4, 4):
        for person in company.people:
            answer(person, START + timedelta(weeks=weeks, days=1), 3 if weeks < 0 else 4)
    rollups.refresh(full=True)
    saved_plan(client, login, company)

    run_plan_reviews(app, REVIEW_10_PARIS - timedelta(hours=1, minutes=1))  # 9:59 in Paris
    assert dms(fake_slack, company.manager.slack_user_id) == []
    run_plan_reviews(app, REVIEW_10_PARIS)
    run_plan_reviews(app, REVIEW_10_PARIS + timedelta(minutes=1))

    [reminder] = dms(fake_slack, company.manager.slack_user_id)
    text = reminder.params["blocks"][0]["text"]["text"]
    assert "Time to review your action plan for Support" in text
    assert "• Engagement: +25.0 points (50.0 before, 75.0 since)" in text
    assert f"/dashboard/teams/{company.team.id}?pivot=2026-10-05" in text
    assert the_plan().review_reminded_at is not None


def test_a_team_too_small_to_show_gets_no_figures_in_the_reminder(
    app, client, login, company, answer, fake_slack
):
    for weeks in range(-4, 4):
        for person in company.people[:4]:  # four of five answer: under the threshold every week
            answer(person, START + timedelta(weeks=weeks, days=1), 3 if weeks < 0 else 4)
    rollups.refresh(full=True)
    saved_plan(client, login, company)

    run_plan_reviews(app, REVIEW_10_PARIS)

    text = dms(fake_slack, company.manager.slack_user_id)[0].params["blocks"][0]["text"]["text"]
    assert "Not enough data to compare engagement: 0 periods before and 0 after" in text
    assert "50.0" not in text and "75.0" not in text


def test_the_owner_closes_the_plan_from_the_reminder_and_nobody_else_can(
    app, client, login, company, make_employee, fake_slack
):
    plan = saved_plan(client, login, company)
    run_plan_reviews(app, REVIEW_10_PARIS)
    stranger = make_employee()

    interactive(client, block_action(stranger.slack_user_id, DONE_ACTION, str(plan.id)))
    assert the_plan().status == "active"
    assert "Only the plan's owner can close it" in fake_slack.calls_to("chat.postEphemeral")[0].params["text"]

    response = interactive(client, block_action(company.manager.slack_user_id, DONE_ACTION, str(plan.id)))

    assert response.status_code == 200
    assert the_plan().status == "done"
    [update] = fake_slack.calls_to("chat.update")
    assert "your action plan for Support (Recognition) is closed" in update.params["text"]
