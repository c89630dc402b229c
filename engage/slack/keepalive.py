"""A Web API client that keeps its connection to Slack open between calls, one per thread.

slack_sdk opens a new connection (and, to Slack, a new TLS session) for every call; at the pulse-hour
peak that is one per click for the message update. This client sends the same requests, with the same
retry handlers and errors, over a kept-alive connection. Use it for calls that are safe to send twice
(chat.update): a kept connection the server has meanwhile closed is noticed only when it is used, and
the call is then sent again on a new one.
"""

import http.client
import io
import ssl
import threading
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import Request

from slack_sdk import WebClient

# What a kept connection that the server closed while it sat idle raises when it is next used.
STALE_CONNECTION = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


class KeepAliveWebClient(WebClient):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._connections = threading.local()

    def _connection(self, url: str) -> http.client.HTTPConnection:
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        kept = getattr(self._connections, "kept", None)
        if kept is not None and kept[0] == key:
            return kept[1]
        if kept is not None:
            kept[1].close()
        connection: http.client.HTTPConnection
        if parts.scheme == "https":
            context = self.ssl or ssl.create_default_context()
            connection = http.client.HTTPSConnection(parts.netloc, timeout=self.timeout, context=context)
        else:
            connection = http.client.HTTPConnection(parts.netloc, timeout=self.timeout)
        self._connections.kept = (key, connection)
        return connection

    def _send(self, url: str, req: Request) -> http.client.HTTPResponse:
        connection = self._connection(url)
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("POST", path, body=req.data, headers=dict(req.header_items()))
        return connection.getresponse()

    def _perform_urllib_http_request_internal(self, url: str, req: Request) -> dict[str, Any]:
        if self.proxy is not None or not url.lower().startswith("http"):
            return super()._perform_urllib_http_request_internal(url, req)
        try:
            response = self._send(url, req)
        except STALE_CONNECTION:
            self._connection(url).close()
            response = self._send(url, req)
        except OSError:
            self._connection(url).close()
            raise
        body = response.read()
        if response.will_close:
            self._connection(url).close()
        if response.status >= 400:  # as urlopen does: slack_sdk reads these from an HTTPError
            raise HTTPError(url, response.status, response.reason, response.headers, io.BytesIO(body))
        charset = response.headers.get_content_charset() or "utf-8"
        return {"status": response.status, "headers": response.headers, "body": body.decode(charset)}
