"""The checklist's Slack lines, read from the last stored check (engage.setup.slack_check)."""

from datetime import datetime

from flask import Flask

from engage.kudos.settings import get_settings
from engage.setup.items import MISSING, OK, WARNING, Item, Page, when
from engage.setup.slack_check import UNREACHABLE, ChannelCheck, SlackCheck, token_fingerprint
from engage.slack.bolt_app import is_configured
from engage.slack.scopes import BOT_SCOPES

TOKEN_REFUSED = ("invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive")
REINSTALL = (
    "Add the scopes under OAuth & Permissions at https://api.slack.com/apps (or update the app "
    "from slack-app-manifest.yml), reinstall it to the workspace, then check again."
)
CHECK_NOW = "Press Check Slack now."
KUDOS_SETTINGS = Page("Kudos settings", "kudos.settings")


def current_check(app: Flask, check: SlackCheck | None) -> SlackCheck | None:
    """The stored check if it was of the bot token configured now."""
    return check if check is not None and check.token == token_fingerprint(app) else None


def slack_item(app: Flask, check: SlackCheck | None, now: datetime) -> Item:
    title = "Slack connected"
    if not is_configured(app):
        unset = [name for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET") if not app.config[name]]
        return Item(
            "slack",
            title,
            MISSING,
            (f"{' and '.join(unset)} not set.",),
            "Install the Slack app from slack-app-manifest.yml (README: Install the Slack app), "
            "set SLACK_BOT_TOKEN (xoxb-...) and SLACK_SIGNING_SECRET, and restart engage.",
        )
    check = current_check(app, check)
    if check is None:
        return Item(
            "slack", title, WARNING, ("The bot token has not been checked with Slack yet.",), CHECK_NOW
        )
    checked = f"checked {when(check.checked_at, now)}"
    if check.error == UNREACHABLE:
        return Item(
            "slack",
            title,
            MISSING,
            (f"engage could not reach Slack at {app.config['SLACK_API_URL']} ({checked}): {check.detail}",),
            "Check the server's outbound HTTPS access (proxy, firewall) and SLACK_API_URL, then check again.",
        )
    if check.error in TOKEN_REFUSED:
        return Item(
            "slack",
            title,
            MISSING,
            (f"Slack refused SLACK_BOT_TOKEN: {check.error} ({checked}).",),
            "Copy the Bot User OAuth Token (xoxb-...) from OAuth & Permissions at "
            "https://api.slack.com/apps into SLACK_BOT_TOKEN, restart engage and check again.",
        )
    if check.error:
        return Item(
            "slack",
            title,
            MISSING,
            (f"Slack answered auth.test with {check.error} ({checked}).",),
            "See https://api.slack.com/methods/auth.test for what it means, then check again.",
        )
    found = [f"Connected to {check.team or 'the workspace'} as @{check.bot or 'the bot'} ({checked})."]
    if check.scopes is None:
        found.append("Slack did not say which scopes the token has.")
        return Item("slack", title, WARNING, tuple(found), CHECK_NOW)
    missing = [scope for scope in BOT_SCOPES if scope not in check.scopes]
    if missing:
        found += [f"Missing bot scope {scope}: needed to {BOT_SCOPES[scope]}." for scope in missing]
        return Item("slack", title, MISSING, tuple(found), REINSTALL)
    found.append("Every bot scope of slack-app-manifest.yml is granted.")
    return Item("slack", title, OK, tuple(found))


def kudos_channel_item(app: Flask, check: SlackCheck | None) -> Item:
    title = "Kudos channel"
    channel_id = get_settings().public_channel_id
    if not channel_id:
        return Item(
            "kudos_channel",
            title,
            WARNING,
            (
                "No kudos channel set: a kudos is posted in the public channel where /kudos was "
                "typed, otherwise only sent by DM.",
            ),
            "Set a channel to show every kudos in one place.",
            page=KUDOS_SETTINGS,
        )
    if not is_configured(app):
        return Item(
            "kudos_channel",
            title,
            WARNING,
            (f"Set to {channel_id}; whether the bot reaches it is checked once Slack is connected.",),
        )
    check = current_check(app, check)
    channel = check.channel if check is not None else None
    if check is not None and check.error:
        return Item(
            "kudos_channel",
            title,
            WARNING,
            (f"Set to {channel_id}; not checked, as Slack did not accept the check.",),
            "Fix the Slack connection first, then check again.",
        )
    if check is None or channel is None or channel.id != channel_id:
        return Item(
            "kudos_channel",
            title,
            WARNING,
            (f"Set to {channel_id}; whether the bot can post there has not been checked yet.",),
            CHECK_NOW,
        )
    return _channel_verdict(channel, check)


def _channel_verdict(channel: ChannelCheck, check: SlackCheck) -> Item:
    title, channel_id = "Kudos channel", channel.id
    invite = (
        f"In Slack, type /invite @{check.bot or 'engage'} in that channel (or choose another on "
        "Kudos settings), then check again."
    )
    if channel.error == "channel_not_found":
        return Item(
            "kudos_channel",
            title,
            MISSING,
            (
                f"The bot cannot see channel {channel_id}: it does not exist, or it is private and "
                "the bot is not a member.",
            ),
            invite,
            page=KUDOS_SETTINGS,
        )
    if channel.error == "missing_scope":
        return Item(
            "kudos_channel",
            title,
            WARNING,
            (f"Could not check {channel_id}: the app lacks channels:read or groups:read.",),
            REINSTALL,
        )
    if channel.error:
        return Item(
            "kudos_channel",
            title,
            MISSING,
            (f"Slack answered conversations.info for {channel_id} with {channel.error}.",),
            invite,
            page=KUDOS_SETTINGS,
        )
    name = f"#{channel.name}" if channel.name else channel_id
    if channel.archived:
        return Item(
            "kudos_channel",
            title,
            MISSING,
            (f"{name} is archived.",),
            "Unarchive it in Slack or choose another channel.",
            page=KUDOS_SETTINGS,
        )
    if channel.member:
        return Item("kudos_channel", title, OK, (f"{name}: the bot is a member and posts there.",))
    if not channel.private and (check.scopes is None or "chat:write.public" in check.scopes):
        return Item(
            "kudos_channel",
            title,
            OK,
            (f"{name} is public: the bot posts there without joining (chat:write.public).",),
        )
    return Item(
        "kudos_channel",
        title,
        MISSING,
        (f"{name}: the bot is not a member and may not post there.",),
        invite,
        page=KUDOS_SETTINGS,
    )
