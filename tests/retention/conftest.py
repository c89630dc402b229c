import pytest

from engage.insights import rollups
from tests.dashboard_data import seed_company


@pytest.fixture
def company(app):
    """Seeded teams, pulses, ratings and kudos, with the rollups refreshed."""
    seeded = seed_company()
    rollups.refresh(full=True)
    return seeded


@pytest.fixture
def admin(make_user, login):
    """A signed-in admin; the test client acts as them."""
    user = make_user("admin")
    login(user)
    return user
