"""Replying and acknowledging on the Comments page; the author's DM names the replier's role only."""

import json

from engage.conversations.refs import comment_ref
from engage.models import ThreadMessage
from tests.conversations.conftest import (
    author_of,
    commented_response,
    comments_page,
    outgoing,
    refs,
    send_queued,
    threads,
)


def test_a_manager_reply_reaches_the_author_as_a_dm_naming_only_their_role(
    app, client, company, make_user, login, fake_slack
):
    login(make_user("manager", employee=company.lead))
    page = comments_page(client, company.support.id)
    assert "No reply yet" in page
    ref = refs(page)[0]

    response = client.post(
        "/dashboard/comments/reply",
        data={"comment": ref, "text": "Thank you. What would help most?", "next": "/dashboard/comments?x=1"},
    )

    assert response.status_code == 302 and response.location.endswith("/dashboard/comments?x=1")
    [thread] = threads()
    author = author_of(thread)
    assert author.manager_id == company.lead.id
    [queued] = outgoing()
    assert queued.channel == author.slack_user_id and queued.status == "pending"
    send_queued(app)
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.params["channel"] == author.slack_user_id
    assert call.params["text"].startswith("Your manager replied to your comment about ")
    blocks = json.dumps(call.params["blocks"])
    assert "Thank you. What would help most?" in blocks
    assert company.lead.name not in blocks and "conversation_answer" in blocks
    assert outgoing()[0].status == "sent"


def test_a_signed_reply_shows_the_replier_name_to_the_author(
    app, client, company, make_user, login, fake_slack
):
    login(make_user("hr", employee=company.company.people["Sales"][0]))
    ref = refs(comments_page(client))[0]
    client.post("/dashboard/comments/reply", data={"comment": ref, "text": "Noted, thanks", "sign": "y"})
    send_queued(app)
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.params["text"].startswith("HR replied to your comment about ")
    assert "Sales Person 0" in json.dumps(call.params["blocks"])


def test_the_page_shows_which_comments_have_replies_and_which_wait(client, company, make_user, login):
    login(make_user("manager", employee=company.lead))
    page = comments_page(client, company.support.id)
    first, second, *rest = refs(page)
    total = len(refs(page))
    client.post("/dashboard/comments/reply", data={"comment": first, "text": "On it"})
    client.post("/dashboard/comments/acknowledge", data={"comment": second})

    page = comments_page(client, company.support.id)

    assert f"On this page: {total - 2} waiting for a reply, 2 replied, acknowledged or closed." in page
    assert page.count(">Replied<") == 1 and page.count(">Acknowledged<") == 1
    assert "You:</span> On it" in page and "You:</span> Thanks, noted." in page


def test_acknowledging_tells_the_author_thanks_noted(app, client, company, make_user, login, fake_slack):
    login(make_user("manager", employee=company.lead))
    ref = refs(comments_page(client, company.support.id))[0]
    client.post("/dashboard/comments/acknowledge", data={"comment": ref})
    again = client.post("/dashboard/comments/acknowledge", data={"comment": ref}, follow_redirects=True)
    assert "already acknowledged" in again.get_data(as_text=True)
    send_queued(app)
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.params["text"].startswith("Your manager read your comment about ")
    assert "Thanks, noted." in json.dumps(call.params["blocks"])
    [thread] = threads()
    assert thread.status == "acknowledged"


def test_an_empty_or_overlong_reply_is_refused_and_writes_nothing(client, company, make_user, login):
    login(make_user("manager", employee=company.lead))
    ref = refs(comments_page(client, company.support.id))[0]
    empty = client.post(
        "/dashboard/comments/reply", data={"comment": ref, "text": "  \u0007 "}, follow_redirects=True
    )
    assert "Your reply is empty: write something first." in empty.get_data(as_text=True)
    long = client.post(
        "/dashboard/comments/reply", data={"comment": ref, "text": "x" * 2001}, follow_redirects=True
    )
    assert "under 2000 characters (it has 2001)" in long.get_data(as_text=True)
    forged = client.post(
        "/dashboard/comments/reply", data={"comment": "not-a-reference", "text": "hi"}, follow_redirects=True
    )
    assert "That comment reference is not valid" in forged.get_data(as_text=True)
    assert threads() == [] and outgoing() == []


def test_a_comment_under_the_threshold_cannot_be_replied_to(client, company, make_user, login):
    sales_manager = company.company.people["Sales"][0]
    login(make_user("manager", employee=sales_manager))
    assert "Comments withheld" in comments_page(client, company.company.teams["Sales"].id)
    sales_comment = comment_ref(commented_response(company.company.teams["Sales"]).id)

    refused = client.post(
        "/dashboard/comments/reply", data={"comment": sales_comment, "text": "hello"}, follow_redirects=True
    )

    assert "You can&#39;t reply to that comment" in refused.get_data(as_text=True)
    assert threads() == [] and outgoing() == []


def test_a_manager_cannot_reply_to_another_teams_comment_that_hr_can(client, company, make_user, login):
    tiny_comment = comment_ref(commented_response(company.company.teams["Tiny"]).id)
    login(make_user("manager", employee=company.lead))
    refused = client.post("/dashboard/comments/reply", data={"comment": tiny_comment, "text": "hi"})
    assert refused.status_code == 302 and threads() == []

    client.post("/logout")
    login(make_user("hr"))  # the whole organisation (20 people) reaches the threshold: Tiny's comments show
    shown = client.post(
        "/dashboard/comments/reply", data={"comment": tiny_comment, "text": "hi"}, follow_redirects=True
    )
    assert "Reply sent" in shown.get_data(as_text=True)
    [thread] = threads()
    assert [m.kind for m in thread.messages] == ["reply"]


def test_a_thread_stays_visible_to_everyone_who_can_see_the_comment(client, company, make_user, login):
    login(make_user("manager", employee=company.lead))
    ref = refs(comments_page(client, company.support.id))[0]
    client.post("/dashboard/comments/reply", data={"comment": ref, "text": "Lead here", "sign": "y"})
    client.post("/logout")
    login(make_user("hr"))
    page = comments_page(client, company.support.id)
    assert "Support Person 0 (manager):</span> Lead here" in page
    assert ThreadMessage.query.count() == 1
