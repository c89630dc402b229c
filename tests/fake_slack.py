"""A local HTTP server that plays Slack's Web API: records calls, can answer 429 or 5xx.

Like Slack, every answer carries the token's granted scopes in X-OAuth-Scopes (`scopes`, the
manifest's by default); `auth_error` (e.g. "invalid_auth") makes every call fail as a bad token
does; `channels` holds what conversations.info knows (id -> name, is_private, is_member).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from engage.slack.scopes import BOT_SCOPES
from tests.serving import serving_thread


class _Server(ThreadingHTTPServer):
    # slack_sdk opens a connection per call: at hundreds of calls a second the default backlog of 5
    # overflows and connections are reset, which Slack never does.
    request_queue_size = 256


@dataclass
class Call:
    method: str
    params: dict
    headers: dict
    at: float = field(default_factory=time.monotonic)
    peer: tuple[str, int] = ("", 0)  # the client's address and port: one per connection


@dataclass
class Failure:
    status: int
    body: dict
    headers: dict


class TokenBucket:
    def __init__(self, per_second: float, burst: int, retry_after: int) -> None:
        self.per_second = per_second
        self.burst = burst
        self.retry_after = retry_after
        self.tokens = float(burst)
        self.updated = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


Responder = Callable[["FakeSlack", dict], dict]


class FakeSlack:
    """Start with `with FakeSlack() as slack:`; point SLACK_API_URL at `slack.api_url`."""

    def __init__(self, latency: float = 0.0) -> None:
        self.latency = latency
        self.calls: list[Call] = []
        self.responders: dict[str, Responder] = {}
        self.users: list[dict] = []
        self.scopes: list[str] = list(BOT_SCOPES)
        self.auth_error: str | None = None
        # Close each connection after answering, without saying so, as a server that drops idle ones.
        self.drop_connections = False
        self.channels: dict[str, dict] = {}
        self.messages: dict[str, list[dict]] = defaultdict(list)  # per conversation, oldest first
        self.ts_base = 1700000000  # seconds part of the ts of posted messages ("Slack's clock")
        self._failures: dict[str, deque[Failure]] = defaultdict(deque)
        self._buckets: dict[str, TokenBucket] = {}
        self._ts = itertools.count(1)
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = serving_thread(self._server)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/api/"

    def __enter__(self) -> FakeSlack:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def fail_next(
        self,
        method: str,
        status: int = 500,
        times: int = 1,
        retry_after: int | None = None,
        error: str | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with an HTTP error or {"ok": false}."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        body = {"ok": False, "error": error or ("ratelimited" if status == 429 else "fatal_error")}
        for _ in range(times):
            self._failures[method].append(Failure(status, body, headers))

    def rate_limit(
        self, method: str, per_second: float, burst: int | None = None, retry_after: int = 1
    ) -> None:
        """Answer 429 with Retry-After once `method` is called faster than `per_second` (token bucket)."""
        self._buckets[method] = TokenBucket(per_second, burst or max(int(per_second), 1), retry_after)

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until `method` has been called `count` times; return those calls."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.calls_to(method)
            if len(calls) >= count:
                return calls
            time.sleep(0.02)
        raise AssertionError(f"{method} called {len(self.calls_to(method))} times, wanted {count}")

    def next_ts(self) -> str:
        return f"{self.ts_base}.{next(self._ts):06d}"

    def store_message(self, channel: str, message: dict) -> None:
        with self._lock:
            self.messages[conversation_of(channel)].append(message)

    def history(self, channel: str) -> list[dict]:
        """Messages posted to a conversation (a user id means the DM with that user), oldest first."""
        with self._lock:
            return list(self.messages.get(conversation_of(channel), []))

    def answer(self, method: str, params: dict) -> tuple[int, dict, dict]:
        with self._lock:
            queue = self._failures.get(method)
            failure = queue.popleft() if queue else None
            bucket = self._buckets.get(method)
            limited = bucket is not None and not bucket.take()
        if failure:
            return failure.status, failure.body, failure.headers
        if limited and bucket is not None:
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(bucket.retry_after)}
        if self.auth_error:
            return 200, {"ok": False, "error": self.auth_error}, {}
        responder = self.responders.get(method) or DEFAULT_RESPONDERS.get(method, _ok)
        return 200, responder(self, params), {"X-OAuth-Scopes": ",".join(self.scopes)}

    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # as Slack: a client may keep its connection for the next call

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                if "json" in (self.headers.get("Content-Type") or ""):
                    params = json.loads(raw or "{}")
                else:
                    params = dict(parse_qsl(raw))
                url = urlsplit(self.path)
                params.update(parse_qsl(url.query))
                method = url.path.rsplit("/", 1)[-1]
                with fake._lock:
                    fake.calls.append(Call(method, params, dict(self.headers), peer=self.client_address))
                if fake.latency:
                    time.sleep(fake.latency)
                status, body, headers = fake.answer(method, params)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client went away (e.g. a sender process killed mid-request)
                self.close_connection = self.close_connection or fake.drop_connections

            do_GET = do_POST

            def log_message(self, *args) -> None:
                pass

        return Handler


def conversation_of(channel: str) -> str:
    """Posting to a user id posts in the DM with them, the one conversations.open answers."""
    return "D" + channel if channel[:1] in ("U", "W") else channel


def _ok(fake: FakeSlack, params: dict) -> dict:
    return {"ok": True}


def _post_message(fake: FakeSlack, params: dict) -> dict:
    channel = params.get("channel", "")
    message = {"type": "message", "ts": fake.next_ts(), "text": params.get("text")}
    metadata = params.get("metadata")
    if metadata:
        message["metadata"] = json.loads(metadata) if isinstance(metadata, str) else metadata
    fake.store_message(channel, message)
    return {"ok": True, "channel": channel, "ts": message["ts"], "message": {"text": params.get("text")}}


def _update_message(fake: FakeSlack, params: dict) -> dict:
    return {
        "ok": True,
        "channel": params.get("channel", ""),
        "ts": fake.next_ts(),
        "message": {"text": params.get("text")},
    }


def _history(fake: FakeSlack, params: dict) -> dict:
    """Newest first, from `oldest` on, `limit` a page, metadata only with include_all_metadata."""
    oldest = float(params.get("oldest") or 0)
    limit = int(params.get("limit") or 100)
    start = int(params.get("cursor") or 0)
    with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
    messages = [m for m in reversed(fake.history(params.get("channel", ""))) if float(m["ts"]) >= oldest]
    page = [
        m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
        for m in messages[start : start + limit]
    ]
    more = start + limit < len(messages)
    return {
        "ok": True,
        "messages": page,
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


def _open_conversation(fake: FakeSlack, params: dict) -> dict:
    users = params.get("users", "")
    return {"ok": True, "channel": {"id": "D" + users.replace(",", "")}}


def _users_list(fake: FakeSlack, params: dict) -> dict:
    limit = int(params.get("limit") or 200)
    start = int(params.get("cursor") or 0)
    page = fake.users[start : start + limit]
    next_cursor = str(start + limit) if start + limit < len(fake.users) else ""
    return {"ok": True, "members": page, "response_metadata": {"next_cursor": next_cursor}}


def _auth_test(fake: FakeSlack, params: dict) -> dict:
    return {
        "ok": True,
        "url": "https://fake-co.slack.com/",
        "team": "Fake Co",
        "user": "engage",
        "team_id": "T111",
        "user_id": "UBOT",
        "bot_id": "B111",
    }


def _conversation_info(fake: FakeSlack, params: dict) -> dict:
    """A private channel the bot is not in is "not found", as Slack answers with groups:read."""
    channel_id = params.get("channel", "")
    channel = fake.channels.get(channel_id)
    needed = "groups:read" if channel and channel.get("is_private") else "channels:read"
    if needed not in fake.scopes:
        return {"ok": False, "error": "missing_scope", "needed": needed, "provided": ",".join(fake.scopes)}
    if channel is None or (channel.get("is_private") and not channel.get("is_member")):
        return {"ok": False, "error": "channel_not_found"}
    return {
        "ok": True,
        "channel": {
            "id": channel_id,
            "is_channel": True,
            "is_archived": False,
            "is_private": False,
            "is_member": False,
        }
        | channel,
    }


def _view(fake: FakeSlack, params: dict) -> dict:
    return {"ok": True, "view": {"id": "V" + fake.next_ts().replace(".", "")}}


def _permalink(fake: FakeSlack, params: dict) -> dict:
    channel, ts = params.get("channel", ""), params.get("message_ts", "")
    return {
        "ok": True,
        "channel": channel,
        "permalink": f"https://fake.slack.com/archives/{channel}/p{ts.replace('.', '')}",
    }


DEFAULT_RESPONDERS: dict[str, Responder] = {
    "chat.postMessage": _post_message,
    "chat.update": _update_message,
    "chat.getPermalink": _permalink,
    "chat.postEphemeral": lambda fake, params: {"ok": True, "message_ts": fake.next_ts()},
    "conversations.open": _open_conversation,
    "conversations.history": _history,
    "conversations.info": _conversation_info,
    "users.list": _users_list,
    "auth.test": _auth_test,
    "views.open": _view,
    "views.publish": _view,
    "views.update": _view,
}
