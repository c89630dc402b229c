"""The give-kudos modal: opening it, the account typeahead, its submission, and announcing kudos."""

import json
import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.extensions import db
from engage.kudos.accounts import search_accounts
from engage.kudos.announce import announce
from engage.kudos.errors import KudosRefused
from engage.kudos.giving import KudosRequest, give_kudos
from engage.kudos.posting import Origin, giver_note
from engage.kudos.values import active_values
from engage.models import Kudos
from engage.slack.blocks import kudos as blocks

log = logging.getLogger(__name__)
FORM = "engage_kudos_form"  # in bolt's context: the recipients to fill in when the form opens
ANNOUNCE = "engage_kudos_id"  # in bolt's context: kudos recorded by the ack function
ORIGIN = "engage_kudos_origin"  # in bolt's context: the conversation they were given in (an Origin)

FIELD_BLOCKS = {
    "recipients": blocks.RECIPIENTS,
    "value": blocks.VALUE,
    "account": blocks.ACCOUNT,
    "crm_id": blocks.CRM_ID,
    "revenue": blocks.REVENUE,
    "currency": blocks.CURRENCY,
    "message": blocks.MESSAGE,
}


def register(bolt_app: App) -> None:
    bolt_app.view(blocks.CALLBACK_ID)(ack=submit_kudos, lazy=[announce_recorded])
    bolt_app.options(blocks.ACCOUNT)(suggest_accounts)


def open_kudos_form(
    client: WebClient,
    trigger_id: str,
    recipients: list[str],
    respond,
    origin: Origin | None,
    source_message_url: str | None = None,
    prefill: blocks.Prefill | None = None,
) -> None:
    """views.open the form; if Slack refuses, say so through the request's response_url.

    The form keeps where it was opened (and the message it is for) in its private_metadata."""
    values = [(v.id, v.name) for v in active_values()]
    kept = {"source_message_url": source_message_url, "origin": origin.as_dict() if origin else None}
    kept = {key: value for key, value in kept.items() if value}
    metadata = json.dumps(kept) if kept else ""
    try:
        view = blocks.kudos_modal(values, recipients, metadata, prefill)
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as exc:
        log.warning("views.open for the kudos form failed: %s", exc.response.get("error"))
        respond(
            text="Slack could not open the kudos form just now: please try again.", response_type="ephemeral"
        )


def suggest_accounts(ack, payload) -> None:
    typed = payload.get("value", "")
    matches = [(a.id, a.name) for a in search_accounts(typed)]
    ack(options=blocks.account_options(matches, typed))


def submit_kudos(ack, body, view, context: dict) -> None:
    """Validate and record before the ack, so a refusal shows beside the field at fault."""
    state = (view.get("state") or {}).get("values") or {}
    metadata = _metadata(view)
    try:
        result = give_kudos(_request(body["user"]["id"], view, state, metadata))
    except KudosRefused as exc:
        block = FIELD_BLOCKS.get(exc.field or "", blocks.MESSAGE)
        ack(response_action="errors", errors={block if block in state else blocks.MESSAGE: exc.message})
        return
    if result.created:
        context[ANNOUNCE] = result.kudos.id
        context[ORIGIN] = Origin.from_dict(metadata.get("origin"))
    ack()


def announce_recorded(body: dict, context: dict, client: WebClient) -> None:
    """Lazy: the public post and DMs for the kudos the ack function recorded; a DM tells the giver where."""
    if context.get(ANNOUNCE) is None:
        return
    delivery = announce(client, db.session.get_one(Kudos, context[ANNOUNCE]), context.get(ORIGIN))
    try:
        client.chat_postMessage(channel=body["user"]["id"], text=giver_note(delivery))
    except SlackApiError as exc:
        log.warning(
            "could not tell giver %s where kudos %s went: %s",
            body["user"]["id"],
            context[ANNOUNCE],
            exc.response.get("error"),
        )


def _metadata(view: dict) -> dict:
    """What open_kudos_form put in the view; anything else (never sent by Slack) counts as nothing."""
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except (ValueError, RecursionError):
        return {}
    return metadata if isinstance(metadata, dict) else {}


def _request(user_id: str, view: dict, state: dict, metadata: dict) -> KudosRequest:
    def element(block_id: str) -> dict:
        return state.get(block_id, {}).get(block_id) or {}

    value_option = element(blocks.VALUE).get("selected_option") or {}
    account_option = (element(blocks.ACCOUNT).get("selected_option") or {}).get("value", "")
    account_id, account_name = None, None
    if account_option.startswith("id:") and account_option[3:].isdigit():
        account_id = int(account_option[3:])
    elif account_option.startswith(blocks.NEW_ACCOUNT_PREFIX):
        account_name = account_option.removeprefix(blocks.NEW_ACCOUNT_PREFIX)
    return KudosRequest(
        giver_slack_id=user_id,
        recipient_slack_ids=element(blocks.RECIPIENTS).get("selected_users") or [],
        message=element(blocks.MESSAGE).get("value"),
        dedupe_key=f"view:{view['id']}",
        value_id=int(value_option["value"]) if value_option.get("value", "").isdigit() else None,
        account_id=account_id,
        account_name=account_name,
        crm_id=element(blocks.CRM_ID).get("value"),
        revenue=element(blocks.REVENUE).get("value"),
        currency=element(blocks.CURRENCY).get("value"),
        source_message_url=metadata.get("source_message_url"),
    )
