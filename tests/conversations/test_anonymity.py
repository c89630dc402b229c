"""Nothing shown to repliers names a comment's author: pages, API answers, exports, INFO logs, Slack."""

import logging
from datetime import date, timedelta

from engage.auth.tokens import create_token
from engage.extensions import db
from engage.models import PulseResponse
from tests.conversations.conftest import author_of, comments_page, refs, send_queued, threads
from tests.slack_requests import block_action, interactive, view_submission

DAYS = {"start": (date.today() - timedelta(days=180)).isoformat(), "end": date.today().isoformat()}


def _converse(app, client, company, lead_user, login) -> list:
    """Two conversations on Support comments (one answered from Slack), one acknowledged; their authors."""
    login(lead_user)
    first, second, *_ = refs(comments_page(client, company.support.id))
    client.post("/dashboard/comments/reply", data={"comment": first, "text": "What would help?"})
    client.post("/dashboard/comments/acknowledge", data={"comment": second})
    send_queued(app)
    answered = threads()[0]
    author = author_of(answered)
    assert author.slack_user_id is not None
    interactive(client, block_action(author.slack_user_id, "conversation_answer", str(answered.id)))
    values = {"answer": {"answer": {"type": "plain_text_input", "value": "Cover on Mondays"}}}
    submission = view_submission(author.slack_user_id, "conversation_answer", values, str(answered.id))
    interactive(client, submission)
    client.post("/dashboard/comments/reply", data={"comment": first, "text": "Done from next week"})
    send_queued(app)
    return [author_of(thread) for thread in threads()]


def _replier_side(client, company, make_user, login, lead_user_token: str) -> list[str]:
    support = company.support.id
    seen = [
        comments_page(client, support),
        client.get("/dashboard/", query_string=DAYS).get_data(as_text=True),
        client.get(f"/dashboard/teams/{support}", query_string=DAYS).get_data(as_text=True),
        client.get("/dashboard/export.csv", query_string=DAYS).get_data(as_text=True),
        client.get("/dashboard/correlation.csv", query_string=DAYS).get_data(as_text=True),
    ]
    headers = {"Authorization": f"Bearer {lead_user_token}"}
    api = client.get("/api/v1/comments", query_string=DAYS | {"team_id": support}, headers=headers)
    assert api.status_code == 200 and api.get_json()["comments"]
    assert all(set(c) == {"kind", "text", "driver", "month", "question"} for c in api.get_json()["comments"])
    seen.append(api.get_data(as_text=True))
    client.post("/logout")
    login(make_user("hr"))
    seen += [comments_page(client), comments_page(client, support)]
    hr_token = create_token("hr", "test")
    hr_api = client.get(
        "/api/v1/comments", query_string=DAYS, headers={"Authorization": f"Bearer {hr_token}"}
    )
    seen.append(hr_api.get_data(as_text=True))
    return seen


def test_nothing_shown_to_the_replier_names_the_author(
    app, client, company, make_user, login, fake_slack, caplog
):
    caplog.set_level(logging.INFO)
    lead_user = make_user("manager", employee=company.lead)
    authors = _converse(app, client, company, lead_user, login)
    seen = _replier_side(client, company, make_user, login, create_token("manager", "test", lead_user))
    seen.append("\n".join(record.getMessage() for record in caplog.records if record.levelno >= logging.INFO))
    # Slack messages: only the authors get any (the replier is in Slack too, and hears nothing).
    posted_to = {call.params["channel"] for call in fake_slack.calls_to("chat.postMessage")}
    assert posted_to == {author.slack_user_id for author in authors}
    assert company.lead.slack_user_id not in posted_to

    page = seen[0]
    assert "Cover on Mondays" in page and "Done from next week" in page
    for author in authors:
        answered = db.session.get(
            PulseResponse, [t for t in threads() if author_of(t) == author][0].response_id
        )
        forbidden = [
            author.name,
            author.email,
            author.slack_user_id,
            answered.answered_at.strftime("%H:%M"),
            answered.answered_at.date().isoformat(),
            "response_id",
        ]
        for text in seen:
            for word in forbidden:
                assert word not in text, (word, text[:200])
    for thread in threads():
        for message in thread.messages:
            assert message.created_at.strftime("%H:%M:%S") not in "".join(seen[:-1])
