import json

import sqlalchemy as sa

from engage.extensions import db
from engage.insights import rollups
from engage.models import PulseResponse, TeamPeriodStat
from tests.slack_requests import block_action, interactive, view_submission


def responses() -> list[PulseResponse]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(PulseResponse)))


def click(client, employee, delivery, score, user_id=None, value=None):
    body = block_action(
        user_id or employee.slack_user_id,
        f"pulse_score_{score}",
        value if value is not None else f"{delivery.id}:{score}",
        channel_id=delivery.slack_channel,
        message_ts=delivery.slack_ts,
    )
    return interactive(client, body)


def ephemeral_texts(fake_slack) -> list[str]:
    return [c.params["text"] for c in fake_slack.calls_to("chat.postEphemeral")]


def test_button_records_the_answer_and_updates_the_message(
    client, make_team, make_employee, sent_pulse, fake_slack
):
    team = make_team()
    person = make_employee(team=team)
    delivery = sent_pulse(person)
    assert click(client, person, delivery, 4).status_code == 200
    [answer] = responses()
    assert (answer.delivery_id, answer.employee_id, answer.team_id, answer.score) == (
        delivery.id,
        person.id,
        team.id,
        4,
    )
    [update] = fake_slack.calls_to("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (delivery.slack_channel, delivery.slack_ts)
    blocks = json.dumps(update.params["blocks"])
    assert "you answered *4*" in blocks and "Add a comment" in blocks and "pulse_comment" in blocks


def test_answer_can_be_changed_the_same_day(client, make_employee, sent_pulse, fake_slack):
    person = make_employee()
    delivery = sent_pulse(person)
    click(client, person, delivery, 2)
    click(client, person, delivery, 5)
    [answer] = responses()
    assert answer.score == 5
    assert len(fake_slack.calls_to("chat.update")) == 2


def test_yesterdays_pulse_is_closed(client, make_employee, sent_pulse, fake_slack):
    person = make_employee()
    delivery = sent_pulse(person, days_ago=1)
    click(client, person, delivery, 3)
    assert responses() == []
    assert fake_slack.calls_to("chat.update") == []
    [note] = ephemeral_texts(fake_slack)
    assert "closed" in note


def test_someone_elses_pulse_is_refused(client, make_employee, sent_pulse, fake_slack):
    owner, other = make_employee(), make_employee()
    delivery = sent_pulse(owner)
    click(client, owner, delivery, 3, user_id=other.slack_user_id)
    assert responses() == []
    assert "someone else" in ephemeral_texts(fake_slack)[0]


def test_malformed_button_values_write_nothing(client, make_employee, sent_pulse, fake_slack):
    person = make_employee()
    delivery = sent_pulse(person)
    for value in ("abc", f"{delivery.id}:x", "", f"{delivery.id}:9", "99999:3", f"{delivery.id}:0"):
        assert click(client, person, delivery, 3, value=value).status_code == 200
    assert responses() == []
    assert fake_slack.calls_to("chat.update") == []
    notes = ephemeral_texts(fake_slack)
    assert len(notes) == 6
    assert "valid answer" in notes[0] and "run from 1 to 5" in notes[3] and "can't find" in notes[4]


def test_the_same_action_delivered_twice_records_once(client, make_employee, sent_pulse, fake_slack):
    person = make_employee()
    delivery = sent_pulse(person)
    body = block_action(
        person.slack_user_id,
        "pulse_score_4",
        f"{delivery.id}:4",
        channel_id=delivery.slack_channel,
        message_ts=delivery.slack_ts,
    )
    interactive(client, body)
    interactive(client, body, retry_num=1)
    assert len(responses()) == 1
    assert len(fake_slack.calls_to("chat.update")) == 1


def test_changing_the_score_keeps_the_comment_and_the_message_says_it_is_saved(
    client, make_employee, sent_pulse, fake_slack
):
    person = make_employee()
    delivery = sent_pulse(person)
    click(client, person, delivery, 2)
    comment = {"comment": {"comment": {"type": "plain_text_input", "value": "Short of people"}}}
    interactive(client, view_submission(person.slack_user_id, "pulse_comment", comment, str(delivery.id)))
    click(client, person, delivery, 4)
    [answer] = responses()
    assert (answer.score, answer.comment) == (4, "Short of people")
    blocks = json.dumps(fake_slack.calls_to("chat.update")[-1].params["blocks"])
    assert (
        "you answered *4*" in blocks and "Your comment is saved" in blocks and "Edit your comment" in blocks
    )


def test_an_enps_pulse_takes_scores_from_0_to_10_and_refuses_11(
    client, make_employee, sent_pulse, fake_slack
):
    person = make_employee()
    delivery = sent_pulse(person, driver="enps")
    click(client, person, delivery, 0)
    assert [a.score for a in responses()] == [0]
    click(client, person, delivery, 10)
    assert [a.score for a in responses()] == [10]
    click(client, person, delivery, 11)
    assert [a.score for a in responses()] == [10]
    assert "run from 0 to 10; 11 was not recorded" in ephemeral_texts(fake_slack)[-1]


def test_unsigned_click_is_rejected_and_writes_nothing(client, make_employee, sent_pulse):
    person = make_employee()
    delivery = sent_pulse(person)
    body = block_action(person.slack_user_id, "pulse_score_4", f"{delivery.id}:4")
    response = client.post("/slack/events", data={"payload": json.dumps(body)})
    assert response.status_code == 401
    stale = interactive(client, body, timestamp=1_600_000_000)
    assert stale.status_code == 401
    assert responses() == []


def test_comment_button_opens_modal_and_submission_stores_comment(
    client, make_employee, sent_pulse, fake_slack
):
    person = make_employee()
    delivery = sent_pulse(person)
    click(client, person, delivery, 2)
    body = block_action(
        person.slack_user_id,
        "pulse_comment",
        str(delivery.id),
        channel_id=delivery.slack_channel,
        message_ts=delivery.slack_ts,
    )
    interactive(client, body)
    [opened] = fake_slack.calls_to("views.open")
    assert opened.params["trigger_id"] == body["trigger_id"]
    view = opened.params["view"]
    assert (view["callback_id"], view["private_metadata"]) == ("pulse_comment", str(delivery.id))

    submission = view_submission(
        person.slack_user_id,
        "pulse_comment",
        {"comment": {"comment": {"type": "plain_text_input", "value": "  Too many tickets this week  "}}},
        private_metadata=str(delivery.id),
    )
    response = interactive(client, submission)
    assert response.status_code == 200 and not response.data
    [answer] = responses()
    assert (answer.score, answer.comment) == (2, "Too many tickets this week")
    last_update = fake_slack.calls_to("chat.update")[-1]
    assert "Your comment is saved" in json.dumps(last_update.params["blocks"])


def test_a_comment_keeps_line_breaks_and_tabs_but_not_control_characters(client, make_employee, sent_pulse):
    person = make_employee()
    delivery = sent_pulse(person)
    click(client, person, delivery, 4)
    text = "Too\x00 many\x1b tickets\u202e\nand\tmeetings\x07"
    submission = view_submission(
        person.slack_user_id,
        "pulse_comment",
        {"comment": {"comment": {"type": "plain_text_input", "value": text}}},
        private_metadata=str(delivery.id),
    )
    assert interactive(client, submission).status_code == 200
    [answer] = responses()
    assert answer.comment == "Too many tickets\nand\tmeetings"


def test_comment_submission_errors_are_shown_in_the_modal(client, make_employee, sent_pulse):
    person, other = make_employee(), make_employee()
    delivery = sent_pulse(person)

    def submit(user, text, metadata):
        values = {"comment": {"comment": {"type": "plain_text_input", "value": text}}}
        return interactive(
            client, view_submission(user.slack_user_id, "pulse_comment", values, private_metadata=metadata)
        )

    before_score = submit(person, "hello", str(delivery.id)).get_json()
    assert before_score["response_action"] == "errors" and "score first" in before_score["errors"]["comment"]
    click(client, person, delivery, 3)
    assert "someone else" in submit(other, "hello", str(delivery.id)).get_json()["errors"]["comment"]
    assert "empty" in submit(person, "   ", str(delivery.id)).get_json()["errors"]["comment"]
    assert "2000" in submit(person, "x" * 2001, str(delivery.id)).get_json()["errors"]["comment"]
    assert "lost track" in submit(person, "hello", "not-a-number").get_json()["errors"]["comment"]
    assert responses()[0].comment is None


def engagement_by_team() -> dict:
    return dict(
        db.session.execute(
            sa.select(TeamPeriodStat.team_id, TeamPeriodStat.n).where(
                TeamPeriodStat.granularity == "day", TeamPeriodStat.metric == "engagement"
            )
        ).all()
    )


def test_an_answer_changed_after_moving_team_leaves_the_old_teams_figures(
    client, make_team, make_employee, sent_pulse, fake_slack
):
    support, sales = make_team("Support"), make_team("Sales")
    person = make_employee(team=support)
    delivery = sent_pulse(person)
    click(client, person, delivery, 2)
    rollups.refresh()
    assert engagement_by_team() == {None: 1, support.id: 1}

    person.team_id = sales.id
    db.session.commit()
    click(client, person, delivery, 5)
    rollups.refresh()

    assert engagement_by_team() == {None: 1, sales.id: 1}
