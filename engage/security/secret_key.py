"""A stable SECRET_KEY when none is configured: made once, kept in the instance folder."""

import logging
import os
import secrets
from pathlib import Path

from flask import Flask

log = logging.getLogger(__name__)

FILE_NAME = "secret_key"


def load_or_create(instance_path: str, file_name: str = FILE_NAME, setting: str = "SECRET_KEY") -> str:
    """Return the key kept in the instance folder, creating it (owner-only) if there is none."""
    path = Path(instance_path) / file_name
    if not path.exists():
        _create(path)
    key = path.read_text().strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} holds no usable key: delete it (a new one is made) or set {setting}")
    return key


def _create(path: Path) -> None:
    # Written whole to a private file, then hard-linked into place: linking fails if another process
    # got there first, so workers starting together all end up reading the one key that won.
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32) + "\n")
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()


def ensure_secret_key(app: Flask) -> None:
    if app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY_SOURCE"] = "environment"
        return
    app.config["SECRET_KEY"] = load_or_create(app.instance_path)
    app.config["SECRET_KEY_SOURCE"] = "instance_file"
    log.warning(
        "SECRET_KEY is not set: using the random key kept in %s. Set SECRET_KEY to a long random value "
        "(the same for every process and server) so sessions survive a new instance folder or host.",
        Path(app.instance_path) / FILE_NAME,
    )
