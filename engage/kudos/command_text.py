"""Read `/kudos <@U1|ann> <@U2> for saving the Acme renewal` as Slack sends it."""

import re
from dataclasses import dataclass

from engage.kudos.errors import KudosRefused
from engage.slack.blocks.mrkdwn import unescaped

MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
GROUP_MENTION = re.compile(r"<!(?:subteam\^[A-Z0-9]+|here|channel|everyone)(?:\|[^>]*)?>")
PLAIN_AT = re.compile(r"(?<![<\w])@([\w.\-]+)")
ACCOUNT_HINT = re.compile(
    r"\bsav(?:e|ed|ing)\s+(?:the\s+)?(.+?)\s+(?:account|renewal|deal|contract|customer)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class ParsedCommand:
    recipient_slack_ids: list[str]
    reason: str
    account_hint: str | None


def parse_command_text(text: str) -> ParsedCommand:
    if GROUP_MENTION.search(text):
        raise KudosRefused("Kudos go to people, not groups or @here/@channel: mention each person.")
    ids = list(dict.fromkeys(MENTION.findall(text)))
    rest = " ".join(MENTION.sub(" ", text).split())
    if not ids:
        plain = PLAIN_AT.search(rest)
        hint = f"I couldn't tell who @{plain.group(1)} is. " if plain else ""
        raise KudosRefused(
            hint + "Mention people with Slack's @ autocomplete: `/kudos @ann @bo for saving the Acme "
            "renewal`, or send `/kudos` alone to open the form."
        )
    reason = unescaped(re.sub(r"^(?:for\b)?[\s:\-–]*", "", rest, flags=re.IGNORECASE).strip())
    hint_match = ACCOUNT_HINT.search(reason)
    return ParsedCommand(ids, reason, hint_match.group(1).strip() if hint_match else None)
