"""Block Kit for the daily praise DMs. Pure functions; customers' words are escaped, never read as mrkdwn."""

from engage.praise.queries import Praise
from engage.slack.blocks.mrkdwn import escaped

GIVE_KUDOS_ACTION = "praise_give_kudos"
MAX_LISTED = 10  # the newest; a DM says how many more there were


def _agent(praise: Praise) -> str:
    return f"<@{praise.agent_slack_id}>" if praise.agent_slack_id else escaped(praise.agent_name)


def _more(praise: list[Praise]) -> list[dict]:
    if len(praise) <= MAX_LISTED:
        return []
    text = f"and {len(praise) - MAX_LISTED} more: only the newest {MAX_LISTED} are listed."
    return [{"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}]


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def manager_praise(praise: list[Praise]) -> tuple[str, list[dict]]:
    """The manager's DM: each piece of praise of a report, with a button that opens the kudos form."""
    count = len(praise)
    title = f"Customers praised your team: {count} comment{'s' if count != 1 else ''}"
    blocks = [_section(f":star2: *{title}*\nOnly you and the person praised see these words.")]
    for item in praise[:MAX_LISTED]:
        where = f" · {escaped(item.account)}" if item.account else ""
        section = _section(f"{_agent(item)}{where}\n> A customer wrote: “{escaped(item.words)}”")
        section["accessory"] = {
            "type": "button",
            "text": {"type": "plain_text", "text": "Give kudos"},
            "action_id": GIVE_KUDOS_ACTION,
            "value": str(item.rating_id),
        }
        blocks.append(section)
    return title, blocks + _more(praise)


def agent_praise(praise: list[Praise]) -> tuple[str, list[dict]]:
    """The agent's DM: the customers' own words."""
    count = len(praise)
    title = f"{'A customer' if count == 1 else f'{count} customers'} praised you"
    quotes = [_section(f"> “{escaped(item.words)}”") for item in praise[:MAX_LISTED]]
    return title, [_section(f":star2: *{title}*"), *quotes] + _more(praise)
