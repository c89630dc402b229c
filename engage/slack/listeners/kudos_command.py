"""`/kudos @someone for ...` records kudos before the ack that confirms it; `/kudos` alone opens the form."""

from slack_bolt import App
from slack_sdk import WebClient

from engage.extensions import db
from engage.kudos.accounts import find_account
from engage.kudos.announce import announce
from engage.kudos.command_text import parse_command_text
from engage.kudos.errors import KudosRefused
from engage.kudos.giving import KudosRequest, give_kudos, giver_for
from engage.kudos.posting import Delivery, Origin, giver_note, public_channel
from engage.models import Kudos
from engage.slack.background import opens_modal
from engage.slack.listeners.kudos_views import ANNOUNCE, FORM, open_kudos_form

PLANNED = "engage_kudos_planned"  # in bolt's context: the Delivery the ack told the giver about


def register(bolt_app: App) -> None:
    bolt_app.command("/kudos")(ack=kudos_command, lazy=[open_form, announce_given])


def command_origin(command: dict) -> Origin | None:
    """Where `/kudos` was typed: Slack names conversations that are not public in channel_name."""
    return Origin.from_dict(
        {
            "channel_id": command.get("channel_id"),
            "channel_name": command.get("channel_name"),
            "name_is_reliable": True,
        }
    )


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
        result = give_kudos(
            KudosRequest(
                giver_slack_id=command["user_id"],
                recipient_slack_ids=parsed.recipient_slack_ids,
                message=parsed.reason,
                account_id=account.id if account else None,
                dedupe_key=f"command:{command['trigger_id']}",
            )
        )
    except KudosRefused as exc:
        ack(text=exc.message, response_type="ephemeral")
        return
    channel = public_channel(command_origin(command))
    recipients = [r.employee.slack_user_id for r in result.kudos.recipients]
    planned = Delivery(recipients, channel.id if channel else None, channel.name if channel else None)
    if result.created:
        context[ANNOUNCE] = result.kudos.id
        context[PLANNED] = planned
    if account:
        note = f" Recorded as a save of {account.name}."
    else:
        note = " To record a customer account saved and the revenue kept, send `/kudos` alone for the form."
    ack(text=giver_note(planned) + note, response_type="ephemeral")


def announce_given(command: dict, context: dict, client: WebClient, respond) -> None:
    """Lazy: post and DM the kudos; if it did not go where the ack said, tell the giver where it did."""
    if context.get(ANNOUNCE) is None:
        return
    delivery = announce(client, db.session.get_one(Kudos, context[ANNOUNCE]), command_origin(command))
    planned = context[PLANNED]
    if (delivery.channel, delivery.error) != (planned.channel, None):
        respond(text=giver_note(delivery), response_type="ephemeral", replace_original=False)


@opens_modal
def open_form(command: dict, context: dict, client: WebClient, respond) -> None:
    if FORM in context:
        open_kudos_form(client, command["trigger_id"], context[FORM], respond, origin=command_origin(command))
