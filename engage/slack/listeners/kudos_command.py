"""`/kudos @someone for ...` records kudos at once; `/kudos` alone opens the modal."""
from slack_bolt import App
from slack_sdk import WebClient

from engage.kudos.accounts import find_account
from engage.kudos.announce import announce
from engage.kudos.command_text import parse_command_text
from engage.kudos.errors import KudosRefused
from engage.kudos.giving import KudosRequest, give_kudos, giver_for
from engage.slack.listeners.kudos_views import open_kudos_modal


def register(bolt_app: App) -> None:
    bolt_app.command("/kudos")(kudos_command)


def kudos_command(ack, command: dict, client: WebClient, respond) -> None:
    ack()
    text = (command.get("text") or "").strip()
    try:
        if not text:
            giver_for(command["user_id"])
            open_kudos_modal(client, command["trigger_id"], recipients=[])
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
        respond(text=exc.message, response_type="ephemeral")
        return
    if not result.created:
        return
    names = ", ".join(f"<@{s}>" for s in parsed.recipient_slack_ids)
    if account:
        note = f" Recorded as a save of {account.name}."
    else:
        note = " To record a customer account saved and the revenue kept, send `/kudos` alone for the form."
    respond(text=f"Kudos sent to {names}.{note}", response_type="ephemeral")
    announce(client, result.kudos)
