"""The "Give kudos" message shortcut: the modal with the message's author and a link to it."""

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.kudos.errors import KudosRefused
from engage.kudos.giving import giver_for
from engage.kudos.posting import Origin
from engage.slack.background import opens_modal
from engage.slack.listeners.kudos_views import FORM, open_kudos_form
from engage.slack.listeners.lazy import NOTE

log = logging.getLogger(__name__)


def register(bolt_app: App) -> None:
    bolt_app.shortcut("give_kudos")(ack=check_shortcut, lazy=[open_form_on_message])


def check_shortcut(ack, shortcut: dict, context: dict) -> None:
    ack()
    message = shortcut.get("message") or {}
    author = message.get("user")
    try:
        giver_for(shortcut["user"]["id"])
        if message.get("bot_id") or message.get("subtype") == "bot_message" or not author:
            raise KudosRefused("That message was posted by a bot or an app: kudos go to people.")
        if author == shortcut["user"]["id"]:
            raise KudosRefused("That's your own message: you can't give kudos to yourself.")
        context[FORM] = [author]
    except KudosRefused as exc:
        context[NOTE] = exc.message


@opens_modal
def open_form_on_message(shortcut: dict, context: dict, client: WebClient, respond) -> None:
    if context.get(NOTE):
        respond(text=context[NOTE], response_type="ephemeral")
    elif FORM in context:
        channel = shortcut.get("channel") or {}
        origin = Origin.from_dict({"channel_id": channel.get("id"), "channel_name": channel.get("name")})
        open_kudos_form(
            client,
            shortcut["trigger_id"],
            context[FORM],
            respond,
            origin=origin,
            source_message_url=_permalink(client, shortcut),
        )


def _permalink(client: WebClient, shortcut: dict) -> str:
    channel = shortcut["channel"]["id"]
    ts = shortcut.get("message_ts") or shortcut["message"]["ts"]
    try:
        return client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"]
    except SlackApiError as exc:
        log.warning(
            "chat.getPermalink failed (%s); building the link from the payload", exc.response.get("error")
        )
        domain = shortcut.get("team", {}).get("domain", "app")
        return f"https://{domain}.slack.com/archives/{channel}/p{ts.replace('.', '')}"
