"""Block Kit for kudos: the modal, the public post and the DMs. Pure functions."""

from dataclasses import dataclass

from engage.slack.blocks.mrkdwn import escaped

CALLBACK_ID = "kudos_submit"
RECIPIENTS = "kudos_recipients"
VALUE = "kudos_value"
ACCOUNT = "kudos_account"
CRM_ID = "kudos_crm_id"
REVENUE = "kudos_revenue"
CURRENCY = "kudos_currency"
MESSAGE = "kudos_message"
NEW_ACCOUNT_PREFIX = "new:"


@dataclass(frozen=True)
class KudosCard:
    """What a kudos says, ready to show."""

    giver_slack_id: str
    recipient_slack_ids: list[str]
    message: str
    value_name: str | None = None
    account_name: str | None = None
    revenue_text: str | None = None
    source_message_url: str | None = None


def _text(text: str) -> dict:
    return {"type": "plain_text", "text": text, "emoji": True}


def _input(block_id: str, label: str, element: dict, optional: bool = False, hint: str | None = None) -> dict:
    block = {
        "type": "input",
        "block_id": block_id,
        "label": _text(label),
        "optional": optional,
        "element": {"action_id": block_id, **element},
    }
    if hint:
        block["hint"] = _text(hint)
    return block


@dataclass(frozen=True)
class Prefill:
    """What the form opens with besides its recipients (kudos from a customer's praise)."""

    message: str | None = None
    account: tuple[str, str] | None = None  # (option value, label): "id:3" or NEW_ACCOUNT_PREFIX + name


def kudos_modal(
    values: list[tuple[int, str]],
    recipients: list[str],
    private_metadata: str = "",
    prefill: Prefill | None = None,
) -> dict:
    """The give-kudos modal; values are (id, name) of the active company values."""
    prefill = prefill or Prefill()
    people = {"type": "multi_users_select", "placeholder": _text("Who do you want to thank?")}
    if recipients:
        people["initial_users"] = recipients
    text = {
        "type": "plain_text_input",
        "multiline": True,
        "max_length": 3000,
        "placeholder": _text("What did they do?"),
    }
    if prefill.message:
        text["initial_value"] = prefill.message[:3000]
    account = {
        "type": "external_select",
        "min_query_length": 1,
        "placeholder": _text("Type to find or add an account"),
    }
    if prefill.account:
        value, label = prefill.account
        account["initial_option"] = {"text": _text(label[:75]), "value": value}
    blocks = [_input(RECIPIENTS, "Who", people)]
    if values:
        options = [{"text": _text(name[:75]), "value": str(value_id)} for value_id, name in values[:100]]
        blocks.append(
            _input(
                VALUE,
                "Company value",
                {"type": "static_select", "options": options, "placeholder": _text("Pick a value")},
                optional=True,
            )
        )
    blocks += [
        _input(
            ACCOUNT,
            "Customer account saved",
            account,
            optional=True,
            hint="Only if they saved or renewed a customer account.",
        ),
        _input(
            CRM_ID, "CRM id of a new account", {"type": "plain_text_input", "max_length": 100}, optional=True
        ),
        _input(
            REVENUE,
            "Revenue kept",
            {"type": "plain_text_input", "placeholder": _text("e.g. 12000")},
            optional=True,
            hint="Seen by managers and HR only.",
        ),
        _input(
            CURRENCY,
            "Currency",
            {"type": "plain_text_input", "initial_value": "USD", "max_length": 3},
            optional=True,
            hint="ISO 4217 code, e.g. USD, EUR, GBP.",
        ),
        _input(MESSAGE, "Why", text),
    ]
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": _text("Give kudos"),
        "submit": _text("Send kudos"),
        "close": _text("Cancel"),
        "private_metadata": private_metadata,
        "blocks": blocks,
    }


def account_option(account_id: int | None, name: str) -> tuple[str, str]:
    """(value, label) of an account in the typeahead: a known one by id, else one to add."""
    if account_id is not None:
        return f"id:{account_id}", name
    return NEW_ACCOUNT_PREFIX + name[:140], f"Add new account: {name}"


def account_options(matches: list[tuple[int, str]], typed: str) -> list[dict]:
    """Options for the account typeahead: the matches, then 'add' when nothing matches exactly."""
    options = [{"text": _text(name[:75]), "value": f"id:{account_id}"} for account_id, name in matches]
    typed = " ".join(typed.split())
    if typed and all(name.lower() != typed.lower() for _, name in matches):
        options.append(
            {"text": _text(f"Add new account: {typed}"[:75]), "value": NEW_ACCOUNT_PREFIX + typed[:140]}
        )
    return options


def _mentions(slack_ids: list[str]) -> str:
    return ", ".join(f"<@{s}>" for s in slack_ids)


def _details(card: KudosCard, with_revenue: bool) -> list[str]:
    lines = []
    if card.value_name:
        lines.append(f"*Value:* {escaped(card.value_name)}")
    if card.account_name:
        saved = f"*Account saved:* {escaped(card.account_name)}"
        if with_revenue and card.revenue_text:
            saved += f" ({card.revenue_text} kept)"
        lines.append(saved)
    if card.source_message_url:
        lines.append(f"<{card.source_message_url}|The message it's for>")
    return lines


def _quote(message: str, limit: int = 2500) -> str:
    """Quote the message as text, cut to fit a section block's 3,000 characters with the headline."""
    if len(message) > limit:
        message = message[:limit].rstrip() + "…"
    return "\n".join("> " + line for line in escaped(message).splitlines() or [""])


def _message(headline: str, card: KudosCard, with_revenue: bool) -> tuple[str, list[dict]]:
    blocks: list[dict] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"{headline}\n{_quote(card.message)}"}}
    ]
    details = _details(card, with_revenue)
    if details:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": "  ·  ".join(details)}]})
    return f"{headline}: {escaped(card.message)}", blocks


def public_post(card: KudosCard, with_revenue: bool) -> tuple[str, list[dict]]:
    headline = f":tada: <@{card.giver_slack_id}> gave kudos to {_mentions(card.recipient_slack_ids)}"
    return _message(headline, card, with_revenue)


def recipient_dm(card: KudosCard, recipient: str, with_revenue: bool) -> tuple[str, list[dict]]:
    headline = f":tada: <@{card.giver_slack_id}> gave you kudos"
    others = [s for s in card.recipient_slack_ids if s != recipient]
    if others:
        headline += f", together with {_mentions(others)}"
    return _message(headline, card, with_revenue)


def manager_dm(card: KudosCard, reports: list[str]) -> tuple[str, list[dict]]:
    headline = f"<@{card.giver_slack_id}> gave kudos to your report {_mentions(reports)}"
    return _message(headline, card, with_revenue=True)
