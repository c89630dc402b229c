"""The author answers and closes from Slack (signed requests, the fake Web API); the page shows the thread."""

import pytest

from engage.conversations.refs import comment_ref
from engage.models import CommentThread
from tests.conversations.conftest import author_of, comments_page, refs, threads
from tests.slack_requests import block_action, interactive, view_submission


@pytest.fixture
def conversation(client, company, make_user, login) -> CommentThread:
    """A Support comment the lead has replied to (the lead stays signed in)."""
    login(make_user("manager", employee=company.lead))
    ref = refs(comments_page(client, company.support.id))[0]
    client.post("/dashboard/comments/reply", data={"comment": ref, "text": "What would help?"})
    [thread] = threads()
    return thread


def submit_answer(client, user_id: str, thread_id, text: str):
    values = {"answer": {"answer": {"type": "plain_text_input", "value": text}}}
    body = view_submission(user_id, "conversation_answer", values, private_metadata=str(thread_id))
    return interactive(client, body)


def ephemeral_texts(fake_slack) -> list[str]:
    return [c.params["text"] for c in fake_slack.calls_to("chat.postEphemeral")]


def test_the_answer_button_opens_a_modal_and_the_answer_shows_on_the_page(
    client, company, conversation, fake_slack
):
    author = author_of(conversation)
    click = block_action(author.slack_user_id, "conversation_answer", str(conversation.id))
    assert interactive(client, click).status_code == 200
    [opened] = fake_slack.calls_to("views.open")
    view = opened.params["view"]
    assert (view["callback_id"], view["private_metadata"]) == ("conversation_answer", str(conversation.id))
    assert view["blocks"][0]["elements"][0]["text"].startswith("Answer on your comment about ")

    response = submit_answer(client, author.slack_user_id, conversation.id, "  More cover on Mondays\x07  ")

    assert response.status_code == 200 and not response.data
    [thread] = threads()
    assert [(m.kind, m.text) for m in thread.messages][-1] == ("answer", "More cover on Mondays")
    [confirmation] = fake_slack.calls_to("chat.postMessage")
    assert confirmation.params["channel"] == author.slack_user_id
    assert "never your name" in confirmation.params["text"]
    page = comments_page(client, company.support.id)
    assert "The comment&#39;s author:</span> More cover on Mondays" in page
    assert "The author answered: waiting for a reply" in page


def test_nobody_else_can_answer_or_close_an_authors_conversation(
    client, conversation, make_employee, fake_slack
):
    other = make_employee()
    interactive(client, block_action(other.slack_user_id, "conversation_answer", str(conversation.id)))
    interactive(client, block_action(other.slack_user_id, "conversation_close", str(conversation.id)))
    refused = submit_answer(client, other.slack_user_id, conversation.id, "hijack").get_json()

    assert (
        refused["response_action"] == "errors"
        and "not about one of your comments" in refused["errors"]["answer"]
    )
    assert fake_slack.calls_to("views.open") == []
    assert all("not about one of your comments" in text for text in ephemeral_texts(fake_slack))
    [thread] = threads()
    assert thread.status == "open" and [m.kind for m in thread.messages] == ["reply"]


def test_bad_answers_are_refused_beside_the_field(client, conversation):
    author = author_of(conversation)
    assert (
        "empty"
        in submit_answer(client, author.slack_user_id, conversation.id, "  ").get_json()["errors"]["answer"]
    )
    too_long = submit_answer(client, author.slack_user_id, conversation.id, "x" * 2001).get_json()
    assert "2000" in too_long["errors"]["answer"]
    lost = submit_answer(client, author.slack_user_id, "not-a-number", "hello").get_json()
    assert "lost track" in lost["errors"]["answer"]
    assert [m.kind for m in threads()[0].messages] == ["reply"]


def test_once_the_author_closes_it_neither_side_can_write(client, company, conversation, fake_slack):
    author = author_of(conversation)
    interactive(client, block_action(author.slack_user_id, "conversation_close", str(conversation.id)))
    assert ephemeral_texts(fake_slack) == ["Conversation closed: nobody can reply to that comment any more."]
    assert threads()[0].status == "closed"

    page = comments_page(client, company.support.id)
    assert "Closed by the author" in page
    refused = client.post(
        "/dashboard/comments/reply",
        data={"comment": comment_ref(conversation.response_id), "text": "one more thing"},
        follow_redirects=True,
    )
    assert "The author closed this conversation" in refused.get_data(as_text=True)
    late = submit_answer(client, author.slack_user_id, conversation.id, "and another").get_json()
    assert "You closed this conversation" in late["errors"]["answer"]
    assert [m.kind for m in threads()[0].messages] == ["reply"]
