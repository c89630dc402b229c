"""`/kudos @someone for ...` records kudos before the ack that confirms it; `/kudos` alone opens the form."""
from slack_bolt import App
from slack_sdk import WebClient

from engage.kudos.accounts import find_account
from engage.kudos.command_text import parse_command_text
from engage.kudos.errors import KudosRefused
from engage.kudos.giving import KudosRequest, give_kudos, giver_for
from engage.slack.background import opens_modal
from engage.slack.listeners.kudos_views import ANNOUNCE, FORM, announce_recorded, open_kudos_form


def register(bolt_app: App) -> None:
    bolt_app.command("/kudos")(ack=kudos_command, lazy=[open_form, announce_recorded])


def kudos_command(ack, command: dict, context: dict) -> None:
    text = (command.get("text") or "").strip()
    try:
        if not text:
            giver_for(command["user_id"])
            context[FORM] = []
            ack()
            return
        parsed = parse_command_text(text)
        account = find_account(parsed.account_hint) if parsed.account_hint else None
        result = give_kudos(KudosRequest(
            giver_slack_id=command["user_id"],
            recipient_slack_ids=parsed.recipient_slack_ids,
            message=parsed.reason,
            account_id=account.id if account else None,
            dedupe_key=f"command:{command['trigger_id']}",
        ))
    except KudosRefused as exc:
        ack(text=exc.message, response_type="ephemeral")
        return
    if result.created:
        context[ANNOUNCE] = result.kudos.id
    names = ", ".join(f"<@{s}>" for s in parsed.recipient_slack_ids)
    if account:
        note = f" Recorded as a save of {account.name}."
    else:
        note = " To record a customer account saved and the revenue kept, send `/kudos` alone for the form."
    ack(text=f"Kudos sent to {names}.{note}", response_type="ephemeral")


@opens_modal
def open_form(command: dict, context: dict, client: WebClient, respond) -> None:
    if FORM in context:
        open_kudos_form(client, command["trigger_id"], context[FORM], respond)
