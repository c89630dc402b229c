import pytest

from engage.auth.tokens import create_token
from engage.insights import rollups
from tests.dashboard_data import seed_company


@pytest.fixture
def company(app):
    """Seeded teams, pulses, ratings and kudos, with the rollups refreshed."""
    seeded = seed_company()
    rollups.refresh(full=True)
    return seeded


@pytest.fixture
def bearer(app):
    """Headers carrying a new API token of a role (a manager token acts as the given user)."""

    def make(role: str, user=None) -> dict:
        return {"Authorization": f"Bearer {create_token(role, 'test', user)}"}

    return make
