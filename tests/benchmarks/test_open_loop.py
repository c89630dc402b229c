"""The ack benchmark's load keeps its schedule whatever the server does, and counts the time clicks queue."""

import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.serving import serving_thread

OPEN_LOOP = Path(__file__).resolve().parents[2] / "benchmarks" / "open_loop.py"


def one_at_a_time_server(seconds_per_request: float) -> ThreadingHTTPServer:
    """Answers 200 to every request, one request at a time, each taking `seconds_per_request`."""
    busy = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            with busy:
                time.sleep(seconds_per_request)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    serving_thread(server).start()
    return server


def run_open_loop(port: int, rate: int, seconds: float) -> dict:
    job = {
        "port": port,
        "rate": rate,
        "seconds": seconds,
        "seed": 1,
        "timeout": 20,
        "first": 0,
        "people": [[f"U{i}", i] for i in range(10)],
    }
    done = subprocess.run(
        [sys.executable, str(OPEN_LOOP)], input=json.dumps(job), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_clicks_keep_coming_at_the_rate_while_the_server_falls_behind_and_their_wait_counts():
    server = one_at_a_time_server(0.05)  # serves 20 a second; 60 clicks arrive in about 1.5 s
    try:
        outcome = run_open_loop(server.server_address[1], rate=40, seconds=1.5)
    finally:
        server.shutdown()
    assert outcome["failures"] == []
    assert sorted(outcome["answered"]) == sorted(i % 10 for i in range(60))
    # Closed-loop clients would wait for each answer and see 50 ms; here the last clicks queue behind
    # the earlier ones, about 3 s of work arriving in 1.5 s.
    assert min(outcome["latencies_ms"]) >= 50
    assert max(outcome["latencies_ms"]) > 1000
    assert outcome["elapsed"] < 10
