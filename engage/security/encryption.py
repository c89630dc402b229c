"""Secrets engage must read back (help-desk tokens), encrypted at rest with Fernet.

The key is ENGAGE_ENCRYPTION_KEY, else 32 random bytes made once into the instance folder.
"""

import base64
import logging
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from flask import Flask, current_app

from engage.security.secret_key import load_or_create

log = logging.getLogger(__name__)

FILE_NAME = "encryption_key"
SETTING = "ENGAGE_ENCRYPTION_KEY"


class UnreadableSecret(Exception):
    """The stored secret was encrypted with another key."""


def _fernet(app: Flask) -> Fernet:
    if "engage.fernet" not in app.extensions:
        configured = app.config.get("ENCRYPTION_KEY")
        if configured:
            try:
                key = Fernet(configured)
            except ValueError:
                raise RuntimeError(
                    f"{SETTING} must be a Fernet key (32 bytes, url-safe base64): make one "
                    "with python3 -c 'from cryptography.fernet import Fernet; "
                    "print(Fernet.generate_key().decode())'"
                ) from None
        else:
            raw = bytes.fromhex(load_or_create(app.instance_path, FILE_NAME, SETTING)[:64])
            key = Fernet(base64.urlsafe_b64encode(raw))
            log.warning(
                "%s is not set: help-desk tokens are encrypted with the key kept in %s; keep that "
                "file (and back it up) or the tokens must be entered again",
                SETTING,
                Path(app.instance_path) / FILE_NAME,
            )
        app.extensions["engage.fernet"] = key
    return app.extensions["engage.fernet"]


def encrypt(text: str) -> str:
    return _fernet(current_app).encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(current_app).decrypt(token.encode()).decode()
    except InvalidToken:
        raise UnreadableSecret(
            f"a stored token cannot be decrypted with this {SETTING}: "
            "set the key it was saved with, or enter the token again"
        ) from None
