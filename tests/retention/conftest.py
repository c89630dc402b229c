import pytest


@pytest.fixture
def admin(make_user, login):
    """A signed-in admin; the test client acts as them."""
    user = make_user("admin")
    login(user)
    return user
