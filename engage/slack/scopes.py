"""The bot scopes slack-app-manifest.yml asks for, and why (tests/slack/test_manifest.py keeps them equal)."""

BOT_SCOPES: dict[str, str] = {
    "chat:write": "send pulses and kudos",
    "chat:write.public": "post kudos in a public channel the bot has not joined",
    "im:write": "open the DM a pulse is sent in",
    "im:history": "check a pulse DM before re-sending it",
    "users:read": "link Slack users to employees and read their time zones",
    "users:read.email": "match Slack users to the roster by email",
    "commands": "the /engage and /kudos commands",
    "channels:read": "tell whether a shortcut's message is in a public channel; check a public kudos channel",
    "groups:read": "check that the bot is a member of a private kudos channel",
}
