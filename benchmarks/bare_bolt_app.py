"""The baseline for the ack benchmark: a slack-bolt app on Flask that only acknowledges."""

import os
import re

from flask import Flask, request
from slack_bolt import App
from slack_bolt.adapter.flask import SlackRequestHandler
from slack_sdk import WebClient

bolt = App(
    client=WebClient(
        token=os.environ.get("SLACK_BOT_TOKEN", "xoxb-bench"),
        base_url=os.environ.get("SLACK_API_URL", "https://slack.com/api/"),
    ),
    signing_secret=os.environ["SLACK_SIGNING_SECRET"],
    token_verification_enabled=False,
)


@bolt.action(re.compile(".*"))
def ack_action(ack):
    ack()


@bolt.command("/engage")
def ack_command(ack):
    ack()


handler = SlackRequestHandler(bolt)
app = Flask(__name__)


@app.post("/slack/events")
def events():
    return handler.handle(request)


@app.get("/healthz")
def health():
    return {"status": "ok"}
