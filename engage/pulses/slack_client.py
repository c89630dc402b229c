"""The Web API client the sender uses: no built-in retries, the sender handles 429 and 5xx itself."""

from flask import Flask
from slack_sdk import WebClient


def sender_client(app: Flask) -> WebClient:
    return WebClient(
        token=app.config["SLACK_BOT_TOKEN"],
        base_url=app.config["SLACK_API_URL"],
        timeout=15,
        retry_handlers=[],
    )
