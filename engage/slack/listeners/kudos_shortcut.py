"""The "Give kudos" message shortcut: the modal with the message's author and a link to it."""
import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.kudos.errors import KudosRefused
from engage.kudos.giving import giver_for
from engage.slack.listeners.kudos_views import open_kudos_modal

log = logging.getLogger(__name__)


def register(bolt_app: App) -> None:
    bolt_app.shortcut("give_kudos")(give_kudos_shortcut)


def give_kudos_shortcut(ack, shortcut: dict, client: WebClient, respond) -> None:
    ack()
    message = shortcut.get("message") or {}
    author = message.get("user")
    try:
        giver_for(shortcut["user"]["id"])
        if message.get("bot_id") or message.get("subtype") == "bot_message" or not author:
            raise KudosRefused("That message was posted by a bot or an app: kudos go to people.")
        if author == shortcut["user"]["id"]:
            raise KudosRefused("That's your own message: you can't give kudos to yourself.")
        open_kudos_modal(client, shortcut["trigger_id"], recipients=[author],
                         source_message_url=_permalink(client, shortcut))
    except KudosRefused as exc:
        respond(text=exc.message, response_type="ephemeral")


def _permalink(client: WebClient, shortcut: dict) -> str:
    channel = shortcut["channel"]["id"]
    ts = shortcut.get("message_ts") or shortcut["message"]["ts"]
    try:
        return client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"]
    except SlackApiError as exc:
        log.warning("chat.getPermalink failed (%s); building the link from the payload",
                    exc.response.get("error"))
        domain = shortcut.get("team", {}).get("domain", "app")
        return f"https://{domain}.slack.com/archives/{channel}/p{ts.replace('.', '')}"
