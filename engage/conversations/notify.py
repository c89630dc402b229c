"""The DM a comment's author gets when someone replies or acknowledges (queued in the outbox)."""

from engage import outbox
from engage.conversations.answers import CommentedAnswer
from engage.models import CommentThread
from engage.slack.blocks.conversations import replier_message

PURPOSE = "conversation"


def tell_author(
    thread: CommentThread, answer: CommentedAnswer, headline: str, body: str, signed_as: str | None
) -> None:
    """Queue the DM; an author not in Slack (or no longer active) gets nothing, and the page says nothing."""
    author = answer.author
    if not author.slack_user_id or not author.active:
        return
    blocks = replier_message(thread.id, headline, answer.comment, answer.month, body, signed_as)
    outbox.queue(PURPOSE, author.slack_user_id, headline, blocks)
