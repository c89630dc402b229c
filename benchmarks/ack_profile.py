"""Where a pulse click's CPU goes: clicks through the real app in process, profiled with cProfile.

Seeds people with a sent pulse, sends CLICKS signed clicks through the Flask test client (the fake
Slack answering at once), and prints the CPU per click of the request thread and of the whole process
(the background threads' chat.update and the fake Slack included), then the functions that took the
request thread's CPU, by cumulative time. For gunicorn workers under load, use py-spy
(`py-spy record --pid MASTER --subprocesses`, in requirements-dev.txt).

    .venv/bin/python benchmarks/ack_profile.py
    .venv/bin/python benchmarks/ack_profile.py --quick      # 50 clicks
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from _common import fresh_database, make_app
from ack_latency import seed
from open_loop import click_body

from tests.fake_slack import FakeSlack
from tests.slack_requests import SIGNING_SECRET, signed_headers, wait_for_background_work


def signed_clicks(people: list[tuple[str, int]]) -> list[tuple[str, dict]]:
    clicks = []
    for n, (slack_user, delivery_id) in enumerate(people):
        body, content_type = click_body(slack_user, delivery_id, 1 + n % 5)
        clicks.append((body, signed_headers(body, content_type)))
    return clicks


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clicks", type=int, default=500)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--top", type=int, default=40, help="functions to list")
    parser.add_argument("--quick", action="store_true", help="50 clicks")
    args = parser.parse_args()
    if args.quick:
        args.clicks = 50
    with fresh_database(args.database) as url, FakeSlack() as fake:
        app = make_app(
            url, SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=fake.api_url
        )
        people = seed(app, 2 * args.clicks + 20)
        client = app.test_client()
        warm_up, timed, profiled = (
            signed_clicks(people[:20]),
            signed_clicks(people[20 : 20 + args.clicks]),
            signed_clicks(people[20 + args.clicks :]),
        )
        for body, headers in warm_up:
            client.post("/slack/events", data=body, headers=headers)
        wait_for_background_work(app)
        process, thread = time.process_time(), time.thread_time()
        for body, headers in timed:
            assert client.post("/slack/events", data=body, headers=headers).status_code == 200
        wait_for_background_work(app)
        process, thread = time.process_time() - process, time.thread_time() - thread
        print(
            f"{args.clicks} clicks, {args.database}: CPU per click {1000 * thread / args.clicks:.2f} ms "
            f"in the request thread, {1000 * process / args.clicks:.2f} ms in the whole process",
            flush=True,
        )
        profile = cProfile.Profile(time.thread_time)
        profile.enable()
        for body, headers in profiled:
            client.post("/slack/events", data=body, headers=headers)
        profile.disable()
        wait_for_background_work(app)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
