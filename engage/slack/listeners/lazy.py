"""Ack and lazy listener pairs: the ack function stores and decides, leaving in bolt's context what the
lazy function (on the background threads, after the answer to Slack) then sends."""

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)

NOTE = "engage_note"  # an ephemeral note to the person who clicked
UPDATE = "engage_update"  # chat.update arguments for the message they clicked in


def acknowledge(ack) -> None:
    """The ack function of event listeners: everything happens in their lazy function."""
    ack()


def tell(client: WebClient, body: dict, text: str) -> None:
    """An ephemeral note to the person who clicked, in the conversation they clicked in."""
    channel = (body.get("container") or {}).get("channel_id") or (body.get("channel") or {}).get("id")
    if not channel:
        log.warning("no conversation to post an ephemeral note in: %s", text)
        return
    try:
        client.chat_postEphemeral(channel=channel, user=body["user"]["id"], text=text)
    except SlackApiError as exc:
        log.warning("could not post ephemeral note: %s", exc.response.get("error"))


def send_replies(body: dict, context: dict, client: WebClient) -> None:
    """Lazy: post the note and make the message update that the ack function left in the context."""
    if context.get(NOTE):
        tell(client, body, context[NOTE])
    update = context.get(UPDATE)
    if update:
        try:
            client.chat_update(**update)
        except SlackApiError as exc:
            log.warning(
                "message %s in %s not updated: %s", update["ts"], update["channel"], exc.response.get("error")
            )
