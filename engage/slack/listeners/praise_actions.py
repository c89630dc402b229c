"""The praise DM's "Give kudos" button: check the manager who clicked, then open the kudos form filled in."""

from slack_bolt import App
from slack_sdk import WebClient

from engage.kudos.errors import KudosRefused
from engage.praise.kudos_form import kudos_from_praise
from engage.slack.background import opens_modal
from engage.slack.blocks import kudos as kudos_blocks
from engage.slack.blocks.praise import GIVE_KUDOS_ACTION
from engage.slack.listeners.kudos_views import open_kudos_form
from engage.slack.listeners.lazy import NOTE, tell

PRAISE = "engage_praise_kudos"  # in bolt's context: the PraiseKudos the form opens with


def register(bolt_app: App) -> None:
    bolt_app.action(GIVE_KUDOS_ACTION)(ack=check_praise, lazy=[open_form_from_praise])


def check_praise(ack, body: dict, action: dict, context: dict) -> None:
    ack()
    value = action.get("value") or ""
    try:
        if not value.isdigit():
            raise KudosRefused("That button does not name a customer's rating: it is not one of engage's.")
        context[PRAISE] = kudos_from_praise(int(value), body["user"]["id"])
    except KudosRefused as exc:
        context[NOTE] = exc.message


@opens_modal
def open_form_from_praise(body: dict, context: dict, client: WebClient, respond) -> None:
    if context.get(NOTE):
        tell(client, body, context[NOTE])
        return
    found = context.get(PRAISE)
    if found is None:
        return
    account = None
    if found.account_name:
        account = kudos_blocks.account_option(found.account_id, found.account_name)
    prefill = kudos_blocks.Prefill(message=found.message, account=account)
    recipients = [found.recipient_slack_id]
    open_kudos_form(client, body["trigger_id"], recipients, respond, origin=None, prefill=prefill)
