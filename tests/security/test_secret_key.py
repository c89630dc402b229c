import logging
import stat
import threading

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from engage import create_app
from engage.extensions import db
from engage.security.secret_key import load_or_create

KNOWN_KEY = "dev-only-change-me"  # the default engage once had, written in its README


@pytest.fixture
def keyless_app(migrated, tmp_path, monkeypatch):
    """Build apps as a fresh install would: no SECRET_KEY, an instance folder of their own."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    built = []

    def build() -> Flask:
        built.append(
            create_app({"SQLALCHEMY_DATABASE_URI": migrated, "TESTING": True}, instance_path=str(tmp_path))
        )
        return built[-1]

    yield build
    for app in built:
        with app.app_context():
            db.engine.dispose()


def forged_session_cookie(key: str, user_id: str) -> str:
    forger = Flask("forger")
    forger.secret_key = key
    serializer = SecureCookieSessionInterface().get_signing_serializer(forger)
    assert serializer is not None
    return serializer.dumps({"_user_id": user_id, "_fresh": True})


def test_without_secret_key_a_random_key_is_made_once_and_kept_owner_only(keyless_app, tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        first = keyless_app()

    key_file = tmp_path / "secret_key"
    assert first.config["SECRET_KEY"] != KNOWN_KEY and len(first.config["SECRET_KEY"]) == 64
    assert first.config["SECRET_KEY_SOURCE"] == "instance_file"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert f"SECRET_KEY is not set: using the random key kept in {key_file}" in caplog.text
    assert keyless_app().config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_a_secret_key_from_the_environment_is_used_as_is(migrated, tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    app = create_app({"SQLALCHEMY_DATABASE_URI": migrated, "TESTING": True}, instance_path=str(tmp_path))
    assert app.config["SECRET_KEY"] == "x" * 64 and app.config["SECRET_KEY_SOURCE"] == "environment"
    assert not (tmp_path / "secret_key").exists()


def test_a_session_cookie_signed_with_the_old_default_key_is_not_accepted(app, keyless_app, make_user):
    admin = make_user("admin")
    keyless = keyless_app()
    client = keyless.test_client()
    client.set_cookie("session", forged_session_cookie(KNOWN_KEY, admin.get_id()))

    assert client.get("/admin/users").status_code == 302

    client.set_cookie("session", forged_session_cookie(keyless.config["SECRET_KEY"], admin.get_id()))
    assert client.get("/admin/users").status_code == 200  # the forgery above failed for its key alone


def test_workers_starting_together_agree_on_one_key(tmp_path):
    start = threading.Barrier(8)
    keys = []

    def worker():
        start.wait()
        keys.append(load_or_create(str(tmp_path)))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(keys) == 8 and len(set(keys)) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]


def test_an_unusable_key_file_is_refused_with_what_to_do(tmp_path):
    (tmp_path / "secret_key").write_text("\n")
    with pytest.raises(RuntimeError, match="delete it .* or set SECRET_KEY"):
        load_or_create(str(tmp_path))
