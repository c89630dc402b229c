"""Production as deployed: gunicorn (gunicorn.conf.py) with two workers on the test database, JSON logs."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee
from tests.slack_requests import SIGNING_SECRET, payload, signed_headers

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port: int, method: str, path: str, body: str | None = None, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


@pytest.fixture
def server(migrated, fake_slack):
    port = _free_port()
    env = os.environ | {
        "DATABASE_URL": migrated,
        "SECRET_KEY": "deployment-test",
        "ENGAGE_LOG_FORMAT": "json",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if _request(port, "GET", "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    try:
        yield port, process
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def _stop(process: subprocess.Popen) -> list[str]:
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=60)
    return [line for line in output.splitlines() if line.strip()]


def _engage_command(port: int, slack_user: str, text: str) -> tuple[int, str]:
    form = urlencode(payload("slash_command") | {"command": "/engage", "text": text, "user_id": slack_user})
    headers = signed_headers(form, "application/x-www-form-urlencoded")
    return _request(port, "POST", "/slack/events", form, headers)


def test_gunicorn_workers_serve_slack_and_health_and_log_json(server, make_employee):
    port, process = server
    people = [make_employee() for _ in range(12)]
    slack_users = [p.slack_user_id for p in people]

    status, body = _request(port, "GET", "/healthz")
    assert (status, json.loads(body)) == (200, {"database": "ok", "status": "ok"})
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(lambda user: _engage_command(port, user, "pause"), slack_users))
    assert all(status == 200 and "Pulses paused" in body for status, body in answers), answers
    db.session.expire_all()
    paused = db.session.scalars(
        sa.select(Employee.pulse_paused).where(Employee.id.in_([p.id for p in people]))
    )
    assert all(paused)

    lines = _stop(process)
    assert process.returncode == 0, "\n".join(lines)
    entries = [json.loads(line) for line in lines]  # every line, gunicorn's own too, is one JSON object
    assert sum("Booting worker" in e["message"] for e in entries) == 2
    requests = [e for e in entries if e["logger"] == "gunicorn.access"]
    slack = [e for e in requests if e["path"] == "/slack/events"]
    assert len(slack) == 12 and {e["status"] for e in slack} == {200}
    assert all(e["method"] == "POST" and e["ms"] >= 0 for e in slack)
    assert any(e["path"] == "/healthz" and e["status"] == 200 for e in requests)


def test_forged_slack_requests_are_refused_and_logged(server):
    port, process = server
    form = urlencode(payload("slash_command") | {"command": "/engage", "text": "help"})
    headers = signed_headers(form, "application/x-www-form-urlencoded", secret="not-the-secret")

    assert _request(port, "POST", "/slack/events", form, headers)[0] == 401

    entries = [json.loads(line) for line in _stop(process)]
    assert any(e.get("path") == "/slack/events" and e.get("status") == 401 for e in entries)
