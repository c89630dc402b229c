"""The reference a page carries for a comment: encrypted, so it tells nothing (not even answer order).

AES-SIV is deterministic: a comment keeps one reference, so a page renders the same each time (and
can be cached); the key is derived from SECRET_KEY, and a tampered reference fails to decrypt.
"""

import base64
import hashlib

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from flask import current_app

from engage.conversations.errors import ConversationRefused

BAD_REFERENCE = "That comment reference is not valid: reload the Comments page and try again."


def _cipher() -> AESSIV:
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    return AESSIV(hashlib.sha512(b"engage comment references\0" + secret).digest())


def comment_ref(response_id: int) -> str:
    return base64.urlsafe_b64encode(_cipher().encrypt(str(response_id).encode(), None)).decode().rstrip("=")


def response_of(ref: str) -> int:
    """The answer a reference names, or ConversationRefused."""
    try:
        raw = base64.urlsafe_b64decode((ref or "") + "=" * (-len(ref or "") % 4))
        plain = _cipher().decrypt(raw, None).decode()
    except (InvalidTag, ValueError, UnicodeDecodeError):
        raise ConversationRefused(BAD_REFERENCE) from None
    if not plain.isdigit():
        raise ConversationRefused(BAD_REFERENCE)
    return int(plain)
