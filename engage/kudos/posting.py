"""Where kudos are posted: the admin's kudos channel, else the public conversation they were given in;
and what the giver is told about it."""

import logging
from dataclasses import asdict, dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.kudos.settings import get_settings

log = logging.getLogger(__name__)

NOT_PUBLIC_NAMES = frozenset({"directmessage", "privategroup"})
DM_ONLY = "no kudos channel is set and this conversation isn't public"
WHY_NOT_POSTED = {
    "not_in_channel": "engage is not a member of it: invite it with `/invite @engage`",
    "channel_not_found": "engage cannot see that channel",
    "is_archived": "that channel is archived",
}


@dataclass(frozen=True)
class Origin:
    """The conversation kudos were given in, as the Slack payload names it.

    `name_is_reliable`: a slash command's channel_name says "privategroup" or "directmessage" for
    conversations that are not public; other payloads do not promise that, so Slack is asked.
    """

    channel_id: str
    channel_name: str | None = None
    name_is_reliable: bool = False

    @classmethod
    def from_dict(cls, data: object) -> "Origin | None":
        if not isinstance(data, dict):
            return None
        channel_id = data.get("channel_id")
        if not isinstance(channel_id, str) or not channel_id:
            return None
        return cls(data["channel_id"], data.get("channel_name") or None, bool(data.get("name_is_reliable")))

    def as_dict(self) -> dict:
        return asdict(self)


def mention(channel_id: str, name: str | None = None) -> str:
    return f"<#{channel_id}|{name}>" if name else f"<#{channel_id}>"


def looks_public(origin: Origin | None) -> bool | None:
    """What the payload alone says: True, False, or None when only conversations.info can tell."""
    if origin is None or not origin.channel_id.startswith("C"):  # D: a DM; G: a private channel or group DM
        return False
    name = origin.channel_name or ""
    if name in NOT_PUBLIC_NAMES or name.startswith("mpdm-"):
        return False
    return True if name and origin.name_is_reliable else None


def is_public(client: WebClient, origin: Origin | None) -> bool:
    verdict = looks_public(origin)
    if verdict is not None or origin is None:  # None: looks_public says False
        return bool(verdict)
    try:
        channel = client.conversations_info(channel=origin.channel_id)["channel"]
    except SlackApiError as exc:
        log.warning(
            "conversations.info for %s failed (%s): kudos given there go by DM only",
            origin.channel_id,
            exc.response.get("error"),
        )
        return False
    return bool(
        channel.get("is_channel")
        and not channel.get("is_private")
        and not channel.get("is_archived")
        and not channel.get("is_im")
        and not channel.get("is_mpim")
    )


@dataclass(frozen=True)
class Channel:
    id: str
    name: str | None = None


def public_channel(origin: Origin | None, client: WebClient | None = None) -> Channel | None:
    """The channel to post kudos in, None for DM only; without a client, from the payload alone."""
    channel_id = get_settings().public_channel_id
    if channel_id:
        return Channel(channel_id)
    public = is_public(client, origin) if client is not None else looks_public(origin)
    return Channel(origin.channel_id, origin.channel_name) if public and origin is not None else None


@dataclass(frozen=True)
class Delivery:
    """Where one kudos went: posted in `channel`, or DM only (`error`: why posting there failed)."""

    recipient_slack_ids: list[str]
    channel: str | None = None
    channel_name: str | None = None
    error: str | None = None

    @property
    def posted(self) -> bool:
        return self.channel is not None and self.error is None


def _names(slack_ids: list[str]) -> str:
    return ", ".join(f"<@{s}>" for s in slack_ids)


def giver_note(delivery: Delivery) -> str:
    """Tell the giver where the kudos went: "posted in #support", or why by DM only."""
    names = _names(delivery.recipient_slack_ids)
    if delivery.posted and delivery.channel is not None:
        return f"Kudos for {names} posted in {mention(delivery.channel, delivery.channel_name)}."
    if delivery.channel is not None:
        why = WHY_NOT_POSTED.get(delivery.error or "", f"Slack said {delivery.error}")
        return (
            f"Kudos for {names} could not be posted in {mention(delivery.channel, delivery.channel_name)}"
            f" ({why}), so it was sent to {names} by DM only."
        )
    return f"Kudos sent to {names} by DM ({DM_ONLY})."
