"""Test servers served on a thread, stopping at once when shut down.

socketserver's serve_forever looks for a shutdown request every poll_interval, half a second by
default: that was half a second of waiting at the end of every test that used a fake service.
"""

import socketserver
import threading

POLL_SECONDS = 0.01


def serving_thread(server: socketserver.BaseServer) -> threading.Thread:
    """A daemon thread that serves `server` until its shutdown(); not started."""
    return threading.Thread(target=server.serve_forever, args=(POLL_SECONDS,), daemon=True)
