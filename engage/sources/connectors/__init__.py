"""One connector per kind of help desk, all with the interface of connectors.base.Connector."""

from flask import current_app

from engage.sources.connectors.base import Connector, Credentials
from engage.sources.connectors.chatwoot import Chatwoot
from engage.sources.connectors.freshdesk import Freshdesk
from engage.sources.connectors.intercom import Intercom
from engage.sources.connectors.zendesk import Zendesk

CONNECTORS: dict[str, type] = {
    "zendesk": Zendesk,
    "freshdesk": Freshdesk,
    "chatwoot": Chatwoot,
    "intercom": Intercom,
}


def make_connector(kind: str, credentials: Credentials) -> Connector:
    config = current_app.config
    return CONNECTORS[kind](
        credentials, timeout=config["SOURCES_HTTP_TIMEOUT"], max_wait=config["SOURCES_MAX_RETRY_AFTER"]
    )
