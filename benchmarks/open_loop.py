"""The ack benchmark's load: signed pulse clicks sent on a schedule fixed in advance, whatever the answers.

ack_latency.py runs this in its own process: a job as JSON on stdin (port, rate, seconds, seed, timeout,
people as [slack user, delivery id] pairs), the outcome as JSON on stdout. Clicks arrive as a Poisson
process at `rate` a second (people click independently of each other); the seed fixes the schedule, so
each app gets the same one. A click's latency runs from the time it was due, not from when it could be
sent, so time spent waiting for a connection or for the server to read it counts (no coordinated
omission). A click that fails or takes longer than `timeout` seconds counts as a failure.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from _common import ROOT  # noqa: F401  (puts the repository on sys.path)

from tests.slack_requests import block_action, signed_headers


@dataclass
class Outcome:
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    late_sends_ms: list[float] = field(default_factory=list)  # how far behind schedule this process sent
    answered: list[int] = field(default_factory=list)  # delivery ids of the clicks answered 200


def click_body(slack_user: str, delivery_id: int, score: int) -> tuple[str, str]:
    body = block_action(
        slack_user,
        f"pulse_score_{score}",
        f"{delivery_id}:{score}",
        block_id=f"pulse_scores_{delivery_id}",
        channel_id=f"D{slack_user}",
    )
    body["actions"][0]["action_ts"] = f"{time.time():.6f}"  # each click is a new one, not a retry
    return urlencode({"payload": json.dumps(body)}), "application/x-www-form-urlencoded"


def click_request(port: int, slack_user: str, delivery_id: int, score: int) -> bytes:
    """The whole HTTP request of one click, signed now (Slack's signatures are good for 5 minutes)."""
    body, content_type = click_body(slack_user, delivery_id, score)
    headers = signed_headers(body, content_type) | {
        "Host": f"127.0.0.1:{port}",
        "Content-Length": str(len(body.encode())),
    }
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return f"POST /slack/events HTTP/1.1\r\n{head}\r\n{body}".encode()


class Connections:
    """Keep-alive connections to the server; a click opens another when every one is busy."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def take(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, bool]:
        """A connection, and whether it was used before."""
        if self.idle:
            return (*self.idle.pop(), True)
        return (*await self.open(), False)

    async def open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        return await asyncio.open_connection("127.0.0.1", self.port)

    def give_back(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.idle.append((reader, writer))


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    """Send one request, read its answer; the HTTP status."""
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(
        (int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")), 0
    )
    await reader.readexactly(length)
    return int(lines[0].split(" ", 2)[1])


async def _click(
    connections: Connections, request: bytes, delivery_id: int, due: float, timeout: float, outcome: Outcome
) -> None:
    loop = asyncio.get_running_loop()
    await asyncio.sleep(max(0.0, due - loop.time()))
    outcome.late_sends_ms.append((loop.time() - due) * 1000)
    try:
        async with asyncio.timeout(timeout):
            reader, writer, reused = await connections.take()
            try:
                status = await _exchange(reader, writer, request)
            except (OSError, asyncio.IncompleteReadError):
                if not reused:
                    raise
                writer.close()  # the server closed an idle keep-alive connection: one retry on a new one
                reader, writer = await connections.open()
                status = await _exchange(reader, writer, request)
    except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
        outcome.failures.append(type(exc).__name__)
        return
    connections.give_back(reader, writer)
    if status != 200:
        outcome.failures.append(f"HTTP {status}")
        return
    outcome.latencies_ms.append((loop.time() - due) * 1000)
    outcome.answered.append(delivery_id)


async def run(job: dict) -> Outcome:
    port, rate, seconds = job["port"], job["rate"], job["seconds"]
    schedule = random.Random(job["seed"])
    clicks, gaps = [], []
    people = job["people"]
    for n in range(int(rate * seconds)):
        slack_user, delivery_id = people[(job["first"] + n) % len(people)]
        clicks.append((click_request(port, slack_user, delivery_id, 1 + n % 5), delivery_id))
        gaps.append(schedule.expovariate(rate))
    outcome = Outcome()
    connections = Connections(port)
    start = asyncio.get_running_loop().time() + 0.2
    due = start
    tasks = []
    for (request, delivery_id), gap in zip(clicks, gaps, strict=True):
        tasks.append(
            asyncio.create_task(_click(connections, request, delivery_id, due, job["timeout"], outcome))
        )
        due += gap
    await asyncio.gather(*tasks)
    for _, writer in connections.idle:
        writer.close()
    return outcome


def main() -> None:
    job = json.load(sys.stdin)
    started = time.perf_counter()
    outcome = asyncio.run(run(job))
    json.dump(outcome.__dict__ | {"elapsed": time.perf_counter() - started}, sys.stdout)


if __name__ == "__main__":
    main()
