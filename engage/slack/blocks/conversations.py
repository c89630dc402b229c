"""Block Kit for conversations on comments: the DM to a comment's author and their answer modal (pure)."""

from engage.slack.blocks.mrkdwn import escaped

ANSWER_ACTION = "conversation_answer"
CLOSE_ACTION = "conversation_close"
ANSWER_CALLBACK = "conversation_answer"
ANSWER_BLOCK = "answer"
ANSWER_MAX = 2000
QUOTE_MAX = 300
ANONYMOUS_NOTE = "Your answers stay anonymous: they see your words, never your name."


def _quote(comment: str) -> str:
    short = comment if len(comment) <= QUOTE_MAX else comment[: QUOTE_MAX - 1] + "…"
    return "\n".join("> " + line for line in escaped(short).splitlines() or [""])


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _buttons(thread_id: int) -> dict:
    return {
        "type": "actions",
        "block_id": f"conversation_{thread_id}",
        "elements": [
            {
                "type": "button",
                "action_id": ANSWER_ACTION,
                "text": {"type": "plain_text", "text": "Answer"},
                "value": str(thread_id),
                "style": "primary",
            },
            {
                "type": "button",
                "action_id": CLOSE_ACTION,
                "text": {"type": "plain_text", "text": "Close conversation"},
                "value": str(thread_id),
            },
        ],
    }


def replier_message(
    thread_id: int, headline: str, comment: str, month: str, body: str, signed_as: str | None
) -> list[dict]:
    """A reply or acknowledgement: who (by role) on which comment, their words, and the buttons."""
    signature = f"\n— {escaped(signed_as)}" if signed_as else ""
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*{escaped(headline)}*"}},
        _context(f"Your comment ({month}):\n{_quote(comment)}"),
        {"type": "section", "text": {"type": "mrkdwn", "text": escaped(body) + signature}},
        _buttons(thread_id),
        _context(ANONYMOUS_NOTE),
    ]


def answer_modal(thread_id: int, headline: str) -> dict:
    return {
        "type": "modal",
        "callback_id": ANSWER_CALLBACK,
        "private_metadata": str(thread_id),
        "title": {"type": "plain_text", "text": "Answer"},
        "submit": {"type": "plain_text", "text": "Send"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            _context(escaped(headline)),
            {
                "type": "input",
                "block_id": ANSWER_BLOCK,
                "element": {
                    "type": "plain_text_input",
                    "action_id": ANSWER_BLOCK,
                    "multiline": True,
                    "max_length": ANSWER_MAX,
                },
                "label": {"type": "plain_text", "text": "Your answer"},
            },
            _context(ANONYMOUS_NOTE),
        ],
    }
