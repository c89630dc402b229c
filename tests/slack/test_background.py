"""BackgroundWork: where lazy listeners run; modal opens never wait behind other work; a graceful stop."""

import logging
import runpy
import threading
import time
from pathlib import Path
from types import SimpleNamespace

from flask import current_app
from slack_bolt.lazy_listener.internals import build_runnable_function
from slack_bolt.request import BoltRequest

from engage.slack.background import BackgroundWork, opens_modal

GUNICORN_CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_work_runs_in_an_app_context_and_is_counted(app):
    background = BackgroundWork(app, workers=1, modal_workers=1)
    release, seen = threading.Event(), []
    background.submit(lambda: seen.append(current_app.name) or release.wait(5))
    assert background.unfinished == 1
    assert not background.wait_idle(0.05)
    release.set()
    assert background.wait_idle(5)
    assert seen == [app.name] and background.unfinished == 0
    background.shutdown()


def test_a_modal_open_does_not_queue_behind_a_full_pool(app):
    background = BackgroundWork(app, workers=2, modal_workers=1)
    release, opened = threading.Event(), threading.Event()
    for _ in range(5):  # two running, three queued
        background.submit(lambda: release.wait(5))

    @opens_modal
    def open_modal():
        opened.set()

    # as bolt's lazy listener runner submits it: wrapped with the request's arguments
    background.submit(
        build_runnable_function(
            func=open_modal,
            logger=logging.getLogger(__name__),
            request=BoltRequest(body="{}", mode="socket_mode"),
        )
    )
    assert opened.wait(2), "the modal waited for the backlog"
    assert background.unfinished == 5
    release.set()
    assert background.wait_idle(5)
    background.shutdown()


def test_gunicorn_worker_exit_finishes_queued_work(app, client):
    background = app.extensions["engage.slack_background"]
    done = []
    for n in range(3):
        background.submit(lambda n=n: time.sleep(0.2) or done.append(n))
    hooks = runpy.run_path(str(GUNICORN_CONF))
    hooks["worker_exit"](None, SimpleNamespace(wsgi=app))
    assert sorted(done) == [0, 1, 2]
    assert background.unfinished == 0
