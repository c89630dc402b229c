"""A local HTTP server that kinds of fake help desk build on: routes, recorded calls, scripted failures.

`fail_next(path, status, after=2)` lets two calls of `path` through, then fails the next `times`:
e.g. a pull that breaks on its third page. A 429 carries Retry-After when `retry_after` is given.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from tests.serving import serving_thread


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: dict | None = None


@dataclass
class Reply:
    status: int = 200
    body: object = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class _Failure:
    after: int
    reply: Reply


Route = Callable[[Request], Reply]


class FakeHelpDesk:
    """Start with `with FakeX() as desk:`; point the source's --url at `desk.url`."""

    def __init__(self) -> None:
        self.calls: list[Request] = []
        self.routes: dict[tuple[str, str], Route] = {}
        self._failures: dict[str, deque[_Failure]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = serving_thread(self._server)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def route(self, method: str, path: str, handler: Route) -> None:
        self.routes[(method, path)] = handler

    def fail_next(
        self, path: str, status: int = 500, times: int = 1, retry_after: int | None = None, after: int = 0
    ) -> None:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        for _ in range(times):
            self._failures[path].append(_Failure(after, Reply(status, {"error": f"HTTP {status}"}, headers)))

    def calls_to(self, path: str) -> list[Request]:
        with self._lock:
            return [c for c in self.calls if c.path == path]

    def authorised(self, request: Request) -> bool:
        return True

    def _answer(self, request: Request) -> Reply:
        with self._lock:
            self.calls.append(request)
            queue = self._failures.get(request.path)
            if queue:
                if queue[0].after > 0:
                    queue[0].after -= 1
                else:
                    return queue.popleft().reply
        if not self.authorised(request):
            return Reply(401, {"error": "Couldn't authenticate you"})
        handler = self.routes.get((request.method, request.path))
        if handler is None:
            return Reply(404, {"error": "InvalidEndpoint"})
        return handler(request)

    def _handler_class(self):
        desk = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                request = Request(
                    self.command,
                    parts.path,
                    dict(parse_qsl(parts.query)),
                    {k.lower(): v for k, v in self.headers.items()},
                    json.loads(raw) if raw else None,
                )
                reply = desk._answer(request)
                data = json.dumps(reply.body).encode()
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _handle

            def log_message(self, *args) -> None:
                pass

        return Handler
