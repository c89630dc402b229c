"""A source's credentials: decrypted only to build its connector."""

from engage.models import RatingSource
from engage.security.encryption import decrypt
from engage.sources.connectors import make_connector
from engage.sources.connectors.base import Connector, Credentials


def credentials_of(source: RatingSource) -> Credentials:
    return Credentials(source.base_url, decrypt(source.token_encrypted), source.email, source.account_id)


def connector_for(source: RatingSource) -> Connector:
    return make_connector(source.kind, credentials_of(source))
