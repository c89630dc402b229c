"""Block Kit for the pulse DM and the comment modal (pure: data in, blocks out)."""

SCORE_ACTION_PREFIX = "pulse_score_"
COMMENT_ACTION = "pulse_comment"
COMMENT_CALLBACK = "pulse_comment"
COMMENT_BLOCK = "comment"
COMMENT_MAX = 2000
OPEN_ANSWER_ACTION = "pulse_open_answer"
OPEN_ANSWER_CALLBACK = "pulse_open_answer"
OPEN_ANSWER_BLOCK = "answer"
CONFIDENTIAL_WORDS = (
    "shown only without names, and only for groups large enough that nobody can be picked out"
)

SCALE_HINTS = {
    "likert5": "1 = strongly disagree, 5 = strongly agree",
    "nps10": "0 = not at all likely, 10 = extremely likely",
}
SERVICE_HINT = "1 = not at all, 5 = extremely well"  # rating a team that serves the front line


def score_value(delivery_id: int, score: int) -> str:
    return f"{delivery_id}:{score}"


def parse_score_value(value: str | None) -> tuple[int, int]:
    """Raise ValueError with a message fit for the person when the button value is malformed."""
    parts = (value or "").split(":")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError("That button did not carry a valid answer, so nothing was recorded.")
    return int(parts[0]), int(parts[1])


def _score_buttons(delivery_id: int, scale: str, chosen: int | None) -> dict:
    low, high = (0, 10) if scale == "nps10" else (1, 5)
    buttons = []
    for score in range(low, high + 1):
        button = {
            "type": "button",
            "action_id": f"{SCORE_ACTION_PREFIX}{score}",
            "text": {"type": "plain_text", "text": str(score)},
            "value": score_value(delivery_id, score),
        }
        if score == chosen:
            button["style"] = "primary"
        buttons.append(button)
    return {"type": "actions", "block_id": f"pulse_scores_{delivery_id}", "elements": buttons}


def pulse_text(question_text: str) -> str:
    return f"Today's pulse: {question_text}"


def pulse_message(delivery_id: int, question_text: str, scale: str, hint: str | None = None) -> list[dict]:
    if scale == "open":
        return open_pulse_message(delivery_id, question_text)
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*Today's pulse*\n{question_text}"}},
        _score_buttons(delivery_id, scale, None),
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": (hint or SCALE_HINTS[scale])
                    + ". Answers are confidential: managers only see team figures.",
                }
            ],
        },
    ]


def answered_message(
    delivery_id: int, question_text: str, scale: str, score: int, has_comment: bool
) -> list[dict]:
    comment_label = "Edit your comment" if has_comment else "Add a comment"
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*Today's pulse*\n{question_text}"}},
        _score_buttons(delivery_id, scale, score),
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": f":white_check_mark: Thanks, you answered *{score}*. You can change it until the "
                "end of today." + (" Your comment is saved." if has_comment else ""),
            },
            "accessory": {
                "type": "button",
                "action_id": COMMENT_ACTION,
                "text": {"type": "plain_text", "text": comment_label},
                "value": str(delivery_id),
            },
        },
    ]


def reminder_text() -> str:
    return "A gentle reminder: today's pulse is waiting for you above. It takes one tap."


def _words_modal(
    callback_id: str, delivery_id: int, title: str, block_id: str, words: str | None, blocks: list[dict]
) -> dict:
    """A modal for a pulse answered in words; `blocks` hold its input (block_id) among what it shows."""
    element = {
        "type": "plain_text_input",
        "action_id": block_id,
        "multiline": True,
        "max_length": COMMENT_MAX,
    }
    if words:
        element["initial_value"] = words
    for block in blocks:
        if block.get("block_id") == block_id:
            block["element"] = element
    return {
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": str(delivery_id),
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": blocks,
    }


def _confidential(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def comment_modal(delivery_id: int, question_text: str, comment: str | None) -> dict:
    blocks: list[dict] = [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": question_text}]},
        {"type": "input", "block_id": COMMENT_BLOCK, "label": {"type": "plain_text", "text": "Your comment"}},
        _confidential(f"Comments are confidential: they are {CONFIDENTIAL_WORDS}."),
    ]
    return _words_modal(COMMENT_CALLBACK, delivery_id, "Add a comment", COMMENT_BLOCK, comment, blocks)


def _answer_button(delivery_id: int, label: str) -> dict:
    return {
        "type": "button",
        "action_id": OPEN_ANSWER_ACTION,
        "text": {"type": "plain_text", "text": label},
        "value": str(delivery_id),
    }


def open_pulse_message(delivery_id: int, question_text: str) -> list[dict]:
    """An open question: answered in words, in a modal the Answer button opens."""
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*Today's pulse*\n{question_text}"}},
        {
            "type": "actions",
            "block_id": f"pulse_open_{delivery_id}",
            "elements": [_answer_button(delivery_id, "Answer") | {"style": "primary"}],
        },
        {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": f"Answered in words, no score. Answers are {CONFIDENTIAL_WORDS}."}
            ],
        },
    ]


def open_answered_message(delivery_id: int, question_text: str) -> list[dict]:
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*Today's pulse*\n{question_text}"}},
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": ":white_check_mark: Thanks, your answer is saved. You can change it until the end "
                "of today.",
            },
            "accessory": _answer_button(delivery_id, "Edit your answer"),
        },
    ]


def open_answer_modal(delivery_id: int, question_text: str, answer: str | None) -> dict:
    blocks: list[dict] = [
        {
            "type": "input",
            "block_id": OPEN_ANSWER_BLOCK,
            "label": {"type": "plain_text", "text": question_text},
        },
        _confidential(f"Answers are confidential: {CONFIDENTIAL_WORDS}."),
    ]
    return _words_modal(OPEN_ANSWER_CALLBACK, delivery_id, "Today's pulse", OPEN_ANSWER_BLOCK, answer, blocks)
