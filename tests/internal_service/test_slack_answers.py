"""A front-line person's rating of a served team through signed Slack requests and the fake Web API: stored
against the team rated, and no part of their own team's engagement or participation."""

import json

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.insights import rollups
from engage.models import PulseDelivery, PulseResponse, Question, TeamPeriodStat
from engage.models.base import utcnow
from engage.models.pulses import INTERNAL_SERVICE
from engage.pulses.clock import local_date
from engage.pulses.question_bank import install_question_bank
from tests.slack_requests import block_action, interactive, view_submission


@pytest.fixture
def test_config(slack_config):
    return slack_config


@pytest.fixture
def asked(app, make_team, make_employee):
    """An agent of Support EMEA sent today's internal service question about IT."""
    install_question_bank()
    emea, it = make_team("Support EMEA"), make_team("IT")
    agent = make_employee(emea)
    question = db.session.scalar(sa.select(Question).where(Question.driver == INTERNAL_SERVICE))
    delivery = PulseDelivery(
        employee_id=agent.id,
        team_id=emea.id,
        question_id=question.id,
        served_team_id=it.id,
        pulse_date=local_date(agent.timezone, utcnow()),
        status="sent",
        attempts=1,
        sent_at=utcnow(),
        slack_channel=f"D{agent.id}",
        slack_ts=f"1700000000.{agent.id:06d}",
    )
    db.session.add(delivery)
    db.session.commit()
    return agent, delivery, it, emea


def click(client, agent, delivery, action_id: str, value: str):
    body = block_action(
        agent.slack_user_id, action_id, value, channel_id=delivery.slack_channel, message_ts=delivery.slack_ts
    )
    interactive(client, body)


def test_the_chosen_score_is_stored_against_the_rated_team(client, asked, fake_slack):
    agent, delivery, it, emea = asked
    click(client, agent, delivery, "pulse_score_2", f"{delivery.id}:2")
    db.session.expire_all()
    [answer] = db.session.scalars(sa.select(PulseResponse))
    assert (answer.score, answer.employee_id, answer.team_id) == (2, agent.id, emea.id)
    assert answer.delivery.served_team_id == it.id
    [update] = fake_slack.calls_to("chat.update")
    assert update.params["text"] == "You answered 2: How well did IT help you serve customers this week?"
    assert "you answered *2*" in json.dumps(update.params["blocks"])


def test_the_comment_form_names_the_team_and_keeps_the_comment(client, asked, fake_slack):
    agent, delivery, it, _ = asked
    click(client, agent, delivery, "pulse_score_4", f"{delivery.id}:4")
    click(client, agent, delivery, "pulse_comment", str(delivery.id))
    [opened] = fake_slack.calls_to("views.open")
    assert "How well did IT help you" in json.dumps(opened.params["view"])
    values = {"comment": {"comment": {"type": "plain_text_input", "value": "Laptop swap took a day"}}}
    interactive(client, view_submission(agent.slack_user_id, "pulse_comment", values, str(delivery.id)))
    db.session.expire_all()
    [answer] = db.session.scalars(sa.select(PulseResponse))
    assert (answer.score, answer.comment) == (4, "Laptop swap took a day")


def test_the_rating_is_no_part_of_the_raters_engagement_or_participation(client, asked, fake_slack):
    agent, delivery, _, emea = asked
    click(client, agent, delivery, "pulse_score_5", f"{delivery.id}:5")
    growth = db.session.scalar(  # a score question: growth also has an open one, answered in words only
        sa.select(Question).where(Question.driver == "growth", Question.scale == "likert5").limit(1)
    )
    own = PulseDelivery(
        employee_id=agent.id,
        team_id=emea.id,
        question_id=growth.id,
        pulse_date=delivery.pulse_date,
        status="sent",
        attempts=1,
        sent_at=utcnow(),
    )
    db.session.add(
        PulseResponse(delivery=own, employee_id=agent.id, team_id=emea.id, question_id=growth.id, score=1)
    )
    db.session.commit()
    rollups.refresh(full=True)
    survey = db.session.execute(
        sa.select(TeamPeriodStat.metric, TeamPeriodStat.n, TeamPeriodStat.total).where(
            TeamPeriodStat.team_id == emea.id,
            TeamPeriodStat.granularity == "day",
            TeamPeriodStat.metric.in_(["engagement", "participation"]),
        )
    ).all()
    # only the growth answer (1 = 0 points) counts: the 5 for IT would have made it 50
    assert sorted(survey) == [("engagement", 1, 0.0), ("participation", 1, 0.0)]
