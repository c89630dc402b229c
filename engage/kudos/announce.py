"""Tell Slack about recorded kudos: the public post, a DM to each recipient, optionally their managers."""

import logging
from collections import defaultdict

from babel.numbers import format_currency
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from engage.extensions import db
from engage.kudos.posting import Delivery, Origin, public_channel
from engage.kudos.settings import get_settings
from engage.models import Kudos
from engage.slack.blocks.kudos import KudosCard, manager_dm, public_post, recipient_dm

log = logging.getLogger(__name__)


def revenue_text(kudos: Kudos) -> str | None:
    if kudos.revenue_kept is None:
        return None
    return format_currency(kudos.revenue_kept, kudos.currency or "USD", locale="en_US")


def card_for(kudos: Kudos) -> KudosCard:
    return KudosCard(
        giver_slack_id=kudos.giver.slack_user_id,
        recipient_slack_ids=[r.employee.slack_user_id for r in kudos.recipients],
        message=kudos.message,
        value_name=kudos.value.name if kudos.value else None,
        account_name=kudos.account.name if kudos.account else None,
        revenue_text=revenue_text(kudos),
        source_message_url=kudos.source_message_url,
    )


def announce(client: WebClient, kudos: Kudos, origin: Origin | None) -> Delivery:
    """Post kudos publicly (see posting.public_channel), DM each recipient; say where it went."""
    settings = get_settings()
    card = card_for(kudos)
    channel = public_channel(origin, client)
    delivery = Delivery(card.recipient_slack_ids)
    if channel is not None:
        text, blocks = public_post(card, with_revenue=settings.show_revenue_publicly)
        try:
            response = client.chat_postMessage(
                channel=channel.id, text=text, blocks=blocks, unfurl_links=False
            )
        except SlackApiError as exc:
            error = exc.response.get("error")
            log.warning("public post of kudos %s in %s failed (%s): DM only", kudos.id, channel.id, error)
        else:
            error = None
            kudos.public_channel, kudos.public_ts = response["channel"], response["ts"]
            db.session.commit()
        delivery = Delivery(card.recipient_slack_ids, channel.id, channel.name, error)
    else:
        log.info(
            "kudos %s sent by DM only: no kudos channel is set and it was not given in a public channel",
            kudos.id,
        )
    for recipient in card.recipient_slack_ids:
        text, blocks = recipient_dm(card, recipient, with_revenue=settings.show_revenue_publicly)
        _send(client, recipient, text, blocks, f"DM of kudos {kudos.id} to {recipient}")
    if settings.notify_managers:
        _tell_managers(client, kudos, card)
    return delivery


def _tell_managers(client: WebClient, kudos: Kudos, card: KudosCard) -> None:
    reports_by_manager: dict[str, list[str]] = defaultdict(list)
    for recipient in kudos.recipients:
        manager = recipient.employee.manager
        if manager is not None and manager.active and manager.slack_user_id and manager.id != kudos.giver_id:
            reports_by_manager[manager.slack_user_id].append(recipient.employee.slack_user_id)
    for manager_id, reports in reports_by_manager.items():
        text, blocks = manager_dm(card, reports)
        _send(client, manager_id, text, blocks, f"manager DM of kudos {kudos.id} to {manager_id}")


def _send(client: WebClient, channel: str, text: str, blocks: list[dict], what: str) -> None:
    try:
        client.chat_postMessage(channel=channel, text=text, blocks=blocks, unfurl_links=False)
    except SlackApiError as exc:
        log.warning("%s failed: %s", what, exc.response.get("error"))
