"""Requests to /slack/events shaped like the payloads in tests/slack_payloads, signed as Slack signs."""

from __future__ import annotations

import copy
import json
import time
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

PAYLOADS = Path(__file__).resolve().parent / "slack_payloads"
SIGNING_SECRET = "test-signing-secret"


@cache
def _load(name: str) -> dict:
    return json.loads((PAYLOADS / f"{name}.json").read_text())


def payload(name: str) -> dict:
    """A deep copy of one payload (e.g. 'block_actions'), to adapt for a test."""
    return copy.deepcopy(_load(name)["payload"])


def signed_headers(
    body: str, content_type: str, timestamp: int | None = None, secret: str = SIGNING_SECRET
) -> dict:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature,
    }


def post_signed(
    client, body: str, content_type: str, retry_num: int | None = None, wait: bool = True, **sign_kwargs
):
    """POST to /slack/events; with `wait`, return once the work queued after the ack has finished too."""
    headers = signed_headers(body, content_type, **sign_kwargs)
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    response = client.post("/slack/events", data=body, headers=headers)
    if wait:
        wait_for_background_work(client.application)
    return response


def wait_for_background_work(app, timeout: float = 10.0) -> None:
    background = app.extensions.get("engage.slack_background")
    if background is not None and not background.wait_idle(timeout):
        raise AssertionError(f"{background.unfinished} Slack tasks still running after {timeout} s")


def slash_command(client, command: str, text: str, user_id: str, wait: bool = True, **fields):
    form = payload("slash_command") | {"command": command, "text": text, "user_id": user_id}
    form.update(fields)
    return post_signed(client, urlencode(form), "application/x-www-form-urlencoded", wait=wait)


def interactive(client, body: dict, **kwargs):
    """POST a block_actions / view_submission / shortcut payload as Slack does."""
    raw = urlencode({"payload": json.dumps(body)})
    return post_signed(client, raw, "application/x-www-form-urlencoded", **kwargs)


def event(client, inner_event: dict, event_id: str = "Ev111", retry_num: int | None = None):
    envelope = payload("app_mention") | {"event": inner_event, "event_id": event_id}
    return post_signed(client, json.dumps(envelope), "application/json", retry_num=retry_num)


def block_action(
    user_id: str,
    action_id: str,
    value: str,
    block_id: str = "b",
    channel_id: str = "D111",
    message_ts: str = "111.222",
    message: dict | None = None,
) -> dict:
    body = payload("block_actions")
    body["user"]["id"] = user_id
    body["container"] = {
        "type": "message",
        "message_ts": message_ts,
        "channel_id": channel_id,
        "is_ephemeral": False,
    }
    body["channel"] = {"id": channel_id, "name": "directmessage"}
    body["actions"] = [{**body["actions"][0], "action_id": action_id, "block_id": block_id, "value": value}]
    if message is not None:
        body["message"] = message
    return body


def view_submission(user_id: str, callback_id: str, values: dict, private_metadata: str = "") -> dict:
    """values: {block_id: {action_id: {"type": ..., "value"/"selected_*": ...}}}."""
    body = payload("view_submission")
    body["user"]["id"] = user_id
    body["view"]["callback_id"] = callback_id
    body["view"]["private_metadata"] = private_metadata
    body["view"]["state"] = {"values": values}
    return body


def message_shortcut(
    user_id: str, callback_id: str, message: dict, channel_id: str = "C111", response_url: str | None = None
) -> dict:
    """A message shortcut on `message` (needs at least "ts"; "user" for a person's message)."""
    body = payload("message_shortcut")
    body["user"]["id"] = user_id
    body["callback_id"] = callback_id
    body["channel"] = {"id": channel_id, "name": "general"}
    body["message"] = message
    body["message_ts"] = message["ts"]
    if response_url:
        body["response_url"] = response_url
    return body


def block_suggestion(user_id: str, action_id: str, value: str, block_id: str | None = None) -> dict:
    """An external_select typeahead request (Slack's options load)."""
    view = payload("view_submission")
    return {
        "type": "block_suggestion",
        "user": view["user"],
        "team": view["team"],
        "api_app_id": "A111",
        "token": view["token"],
        "container": {"type": "view", "view_id": view["view"]["id"]},
        "action_id": action_id,
        "block_id": block_id or action_id,
        "value": value,
        "view": view["view"],
    }
