"""The reference a page carries for a comment: encrypted, so it tells nothing (not even answer order)."""

from engage.conversations.errors import ConversationRefused
from engage.security.encryption import UnreadableSecret, decrypt, encrypt

PREFIX = "comment:"
BAD_REFERENCE = "That comment reference is not valid: reload the Comments page and try again."


def comment_ref(response_id: int) -> str:
    return encrypt(f"{PREFIX}{response_id}")


def response_of(ref: str) -> int:
    """The answer a reference names, or ConversationRefused."""
    try:
        plain = decrypt(ref or "")
    except (UnreadableSecret, ValueError):
        raise ConversationRefused(BAD_REFERENCE) from None
    number = plain.removeprefix(PREFIX)
    if not plain.startswith(PREFIX) or not number.isdigit():
        raise ConversationRefused(BAD_REFERENCE)
    return int(number)
