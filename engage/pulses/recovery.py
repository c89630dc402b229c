"""Find the pulse message a killed sender posted but never recorded, by the metadata on the message.

Every pulse carries Slack message metadata naming its delivery row. A row claimed again after its
lease expired, or sent again after a failed attempt, is first looked up in the person's DM: if the
message is there it is recorded as sent instead of being posted a second time.
"""

import logging
from datetime import UTC, datetime, timedelta
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.pulses.posting import PostResult

log = logging.getLogger(__name__)

METADATA_EVENT = "engage_pulse"
CLOCK_MARGIN = timedelta(minutes=10)  # our clock against Slack's
HISTORY_PAGE = 20
HISTORY_PAGES = 5


def pulse_metadata(delivery_id: int) -> dict:
    return {"event_type": METADATA_EVENT, "event_payload": {"delivery_id": delivery_id}}


def _delivery_of(message: dict, event_type: str) -> int | None:
    metadata = message.get("metadata") or {}
    if metadata.get("event_type") != event_type:
        return None
    delivery_id = (metadata.get("event_payload") or {}).get("delivery_id")
    return delivery_id if isinstance(delivery_id, int) else None


def _lookup_failed(reason: str) -> PostResult:
    return PostResult(error=f"could not check the DM for an unrecorded message: {reason}"[:300])


def find_posted(
    client: WebClient, user_id: str, delivery_id: int, since: datetime, event_type: str = METADATA_EVENT
) -> PostResult | None:
    """The message already posted for `delivery_id` (posted after `since`, naive UTC), None if none.

    user_id: the person whose DM to look in, or a channel id (C..., G...) to look in that channel.

    event_type: the metadata event naming the kind of row (a pulse's by default; digests have their own).

    A lookup Slack cannot answer now (429, 5xx, network) is a failed PostResult, so the row is
    retried later instead of risking a duplicate; an app without the im:history scope sends as before.
    """
    oldest = f"{(since - CLOCK_MARGIN).replace(tzinfo=UTC).timestamp():.6f}"
    try:
        if user_id[:1] in ("C", "G", "D"):
            channel = user_id
        else:
            channel = client.conversations_open(users=user_id)["channel"]["id"]
        cursor = None
        for _ in range(HISTORY_PAGES):
            page = client.conversations_history(
                channel=channel, oldest=oldest, include_all_metadata=True, limit=HISTORY_PAGE, cursor=cursor
            )
            for message in page.get("messages") or []:
                if _delivery_of(message, event_type) == delivery_id:
                    log.info(
                        "%s delivery %s was already posted (ts %s); recording it",
                        event_type,
                        delivery_id,
                        message.get("ts"),
                    )
                    return PostResult(channel=channel, ts=message["ts"])
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
    except SlackApiError as exc:
        status = exc.response.status_code
        if status == 429 or status >= 500:
            return _lookup_failed(f"HTTP {status}")
        error = exc.response.get("error") if isinstance(exc.response.data, dict) else f"HTTP {status}"
        log.warning(
            "cannot look for an unrecorded pulse %s in the DM of %s (%s); sending it",
            delivery_id,
            user_id,
            error,
        )
    except (URLError, OSError) as exc:
        return _lookup_failed(f"network: {exc}")
    return None
