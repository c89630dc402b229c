"""Ask Slack whether the bot token works, which scopes it has and whether it reaches the kudos channel.

The last answer is kept (a Setting row, JSON) so the checklist shows it without calling Slack.
"""

import hashlib
import json
import logging
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from flask import Flask
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from engage.extensions import db
from engage.models import Setting
from engage.models.base import utcnow

log = logging.getLogger(__name__)

KEY = "setup.slack_check"
UNREACHABLE = "unreachable"  # our own code for "no answer from Slack", beside Slack's error codes
CALL_ERRORS = (SlackClientError, OSError, ValueError)  # ValueError: a body that is not JSON


@dataclass(frozen=True)
class ChannelCheck:
    id: str
    error: str = ""
    name: str = ""
    private: bool = False
    member: bool = False
    archived: bool = False


@dataclass(frozen=True)
class SlackCheck:
    checked_at: datetime
    token: str  # a fingerprint of the token checked: a new token needs a new check
    error: str = ""
    detail: str = ""
    team: str = ""
    bot: str = ""
    scopes: tuple[str, ...] | None = None  # None: Slack did not say
    channel: ChannelCheck | None = None


def token_fingerprint(app: Flask) -> str:
    return hashlib.sha256(app.config["SLACK_BOT_TOKEN"].encode()).hexdigest()[:16]


def check_slack(app: Flask, channel_id: str) -> SlackCheck:
    """Call auth.test, then conversations.info for `channel_id` (when set); store and return the result."""
    client = WebClient(
        token=app.config["SLACK_BOT_TOKEN"],
        base_url=app.config["SLACK_API_URL"],
        timeout=10,
        retry_handlers=[],
    )
    stamp: dict[str, Any] = {"checked_at": utcnow(), "token": token_fingerprint(app)}
    try:
        auth = client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error") or f"HTTP {exc.response.status_code}"
        result = SlackCheck(**stamp, error=str(error))
    except CALL_ERRORS as exc:
        result = SlackCheck(**stamp, error=UNREACHABLE, detail=str(exc))
    else:
        result = SlackCheck(
            **stamp,
            team=auth.get("team", ""),
            bot=auth.get("user", ""),
            scopes=_granted(auth.headers),
            channel=_check_channel(client, channel_id) if channel_id else None,
        )
    log.info("Slack check: error=%r team=%r channel=%r", result.error, result.team, result.channel)
    _store(result)
    return result


def _granted(headers: dict) -> tuple[str, ...] | None:
    for name, value in headers.items():
        if name.lower() == "x-oauth-scopes":
            return tuple(scope.strip() for scope in value.split(",") if scope.strip())
    return None


def _check_channel(client: WebClient, channel_id: str) -> ChannelCheck:
    try:
        info = client.conversations_info(channel=channel_id)["channel"]
    except SlackApiError as exc:
        return ChannelCheck(channel_id, error=str(exc.response.get("error") or "unknown_error"))
    except CALL_ERRORS:
        return ChannelCheck(channel_id, error=UNREACHABLE)
    return ChannelCheck(
        channel_id,
        name=info.get("name", ""),
        private=bool(info.get("is_private")),
        member=bool(info.get("is_member")),
        archived=bool(info.get("is_archived")),
    )


def _store(result: SlackCheck) -> None:
    data = asdict(result) | {"checked_at": result.checked_at.isoformat()}
    setting = db.session.get(Setting, KEY) or Setting(key=KEY)
    setting.value = json.dumps(data)
    db.session.add(setting)
    db.session.commit()


def last_check() -> SlackCheck | None:
    setting = db.session.get(Setting, KEY)
    if setting is None:
        return None
    data = json.loads(setting.value)
    channel = data.pop("channel")
    scopes = data.pop("scopes")
    return SlackCheck(
        **data | {"checked_at": datetime.fromisoformat(data["checked_at"])},
        scopes=tuple(scopes) if scopes is not None else None,
        channel=ChannelCheck(**channel) if channel else None,
    )
