import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet

from engage.extensions import db
from engage.models import Rating, RatingSource
from engage.models.base import utcnow
from engage.sources.service import NewSource, add_source
from tests.fake_zendesk import EMAIL, TOKEN, FakeZendesk

KEY = Fernet.generate_key().decode()


@pytest.fixture
def test_config(test_config) -> dict:
    return test_config | {"ENCRYPTION_KEY": KEY, "SOURCES_MAX_RETRY_AFTER": 2, "SOURCES_HTTP_TIMEOUT": 5}


@pytest.fixture
def zendesk():
    with FakeZendesk() as desk:
        yield desk


@pytest.fixture
def add_zendesk(app, zendesk):
    def add(name: str = "zendesk", since: str = "2026-01-01") -> RatingSource:
        from datetime import datetime

        return add_source(
            NewSource("zendesk", name, zendesk.url, TOKEN, EMAIL, since=datetime.fromisoformat(since)),
            utcnow(),
        )

    return add


@pytest.fixture
def stored():
    """All ratings of a source, keyed by external_id."""

    def load(source: str = "zendesk") -> dict[str, Rating]:
        db.session.expire_all()
        ratings = db.session.scalars(sa.select(Rating).where(Rating.source == source))
        return {r.external_id: r for r in ratings}

    return load


def refreshed(source: RatingSource) -> RatingSource:
    db.session.expire_all()
    return db.session.get_one(RatingSource, source.id)
