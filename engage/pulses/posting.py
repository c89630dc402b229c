"""One chat.postMessage with the shared rate limiter: the outcome, never an exception."""

import logging
from dataclasses import dataclass
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.pulses.ratelimit import RateLimiter

log = logging.getLogger(__name__)

MAX_RATE_LIMIT_WAITS = 5
# Slack errors that no retry will fix for this person.
PERMANENT_ERRORS = frozenset(
    {
        "user_not_found",
        "channel_not_found",
        "account_inactive",
        "user_disabled",
        "cannot_dm_bot",
        "is_archived",
        "msg_too_long",
        "invalid_blocks",
        "no_text",
        "not_in_channel",
    }
)


@dataclass(frozen=True)
class PostResult:
    channel: str | None = None
    ts: str | None = None
    error: str | None = None
    permanent: bool = False
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.ts is not None


def retry_after_seconds(headers: dict) -> float:
    for name, value in (headers or {}).items():
        if name.lower() == "retry-after":
            value = value[0] if isinstance(value, list) else value
            try:
                return max(float(value), 0.0)
            except ValueError:
                break
    return 1.0


def post_message(client: WebClient, limiter: RateLimiter, **message) -> PostResult:
    retry_after = 1.0
    for _ in range(MAX_RATE_LIMIT_WAITS):
        limiter.acquire()
        try:
            response = client.chat_postMessage(**message)
        except SlackApiError as exc:
            if exc.response.status_code == 429:
                retry_after = retry_after_seconds(exc.response.headers)
                log.warning("Slack rate limit: waiting %s s", retry_after)
                limiter.pause(retry_after)
                continue
            error = exc.response.get("error") if isinstance(exc.response.data, dict) else None
            error = error or f"HTTP {exc.response.status_code}"
            return PostResult(error=error, permanent=error in PERMANENT_ERRORS)
        except (URLError, OSError) as exc:
            return PostResult(error=f"network: {exc}"[:300])
        return PostResult(channel=response.get("channel"), ts=response.get("ts"))
    return PostResult(error="rate limited", retry_after=retry_after)
