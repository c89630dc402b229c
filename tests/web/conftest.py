import pytest

from engage.auth.tokens import create_token


@pytest.fixture
def bearer(app):
    """Headers carrying a new API token of a role (a manager token acts as the given user)."""

    def make(role: str, user=None) -> dict:
        return {"Authorization": f"Bearer {create_token(role, 'test', user)}"}

    return make
